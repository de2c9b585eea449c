import pytest

from solidarity.cases import services

pytestmark = pytest.mark.django_db


def test_public_cases_are_the_public_ones_newest_first(make_case):
    older = make_case("Older")
    make_case("Private", is_public=False)
    newer = make_case("Newer")
    assert list(services.public_cases()) == [newer, older]
