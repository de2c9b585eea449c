import pytest


@pytest.fixture
def two_factor_on(settings):
    """Two-step sign-in as in production (the test settings turn it off)."""
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def password_only_editor(client, make_staff, two_factor_on):
    """An editor whose session has given the password and not yet the second step."""
    user = make_staff("editor", "Editors")
    client.force_login(user)
    return user
