import datetime

import pytest

from solidarity.network import services
from solidarity.network.models import Organisation, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(make_org):
    """Resolutions in three countries over two years, by unions and a federation, one not adopted."""
    ca = make_org("Toronto Transit Union", country="CA")
    gb = make_org("Northern Teachers' Federation", name_fa="فدراسیون معلمان شمال", country="GB",
                  kind=Organisation.Kind.FEDERATION)
    fr = make_org("Harbour Workers", country="FR")
    for org, day, title in [(ca, datetime.date(2019, 3, 1), "Free the bus drivers"),
                            (gb, datetime.date(2019, 4, 21), "Free the jailed teachers"),
                            (gb, datetime.date(2021, 4, 3), "Teachers again"),
                            (fr, datetime.date(2021, 6, 1), "Dockers for Iran")]:
        services.record_resolution(adopting_organisation=org, title_en=title, date=day)
    services.record_resolution(adopting_organisation=fr, title_en="Still pending", date=datetime.date(2021, 7, 1),
                               status=Resolution.Status.PENDING)


def titles(response):
    return [r.title_en for r in response.context["resolutions"]]


def test_the_registry_lists_every_adopted_resolution_newest_first(client, spread):
    response = client.get("/en/network/resolutions/")
    assert titles(response) == ["Dockers for Iran", "Teachers again", "Free the jailed teachers", "Free the bus drivers"]
    assert "Still pending" not in response.content.decode()
    assert "4 resolutions" in response.content.decode()


def test_a_visitor_filters_by_country_year_and_kind(client, spread):
    assert titles(client.get("/en/network/resolutions/?country=GB")) == ["Teachers again", "Free the jailed teachers"]
    assert titles(client.get("/en/network/resolutions/?year=2019")) == ["Free the jailed teachers", "Free the bus drivers"]
    assert titles(client.get("/en/network/resolutions/?kind=federation&year=2021")) == ["Teachers again"]
    assert titles(client.get("/en/network/resolutions/?country=gb&year=2019&kind=union")) == []


def test_unknown_filter_values_are_ignored_rather_than_failing(client, spread):
    response = client.get("/en/network/resolutions/?country=QQ&year=abc&kind=%3Cscript%3E&page=999")
    assert response.status_code == 200
    assert response.context["resolutions"].paginator.count == 4


def test_counts_by_country_and_year_ignore_their_own_filter(client, spread):
    response = client.get("/en/network/resolutions/?country=GB")
    assert [(r["code"], r["count"]) for r in response.context["by_country"]] == [("GB", 2), ("CA", 1), ("FR", 1)]
    assert [(r["year"], r["count"]) for r in response.context["by_year"]] == [(2021, 1), (2019, 1)]


def test_the_map_has_a_marker_per_country_linking_to_the_filtered_registry(client, spread):
    response = client.get("/en/network/resolutions/map.svg?year=2019")
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.count("<circle") == 2
    assert "<title>Canada: 1</title>" in svg
    assert 'href="/en/network/resolutions/?year=2019&amp;country=GB"' in svg
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_the_registry_page_draws_the_map_inline_without_scripts(client, spread):
    content = client.get("/en/network/resolutions/").content.decode()
    assert '<svg class="world-map"' in content
    assert "<script" not in content


def test_the_persian_registry_is_right_to_left_with_persian_names_and_digits(client, spread):
    content = client.get("/fa/network/resolutions/?country=GB").content.decode()
    assert 'dir="rtl"' in content
    assert "فدراسیون معلمان شمال" in content
    assert "بریتانیا" in content
    assert "۲۰۱۹" in content
    assert "قطعنامه‌ها در همبستگی با کارگران ایران" in content  # the interface itself is translated
    assert "همهٔ کشورها" in content


def test_resolution_21_is_listed_under_canada_in_the_registry(resolution_21, client):
    response = client.get("/en/network/resolutions/?country=CA")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Solidarity with workers in Iran" in content
    assert "CUPE Ontario" in content
    assert response.context["resolutions"].paginator.count == 1
    assert ("CA", "Canada", 1) in [(row["code"], row["name"], row["count"]) for row in response.context["by_country"]]
    assert client.get("/en/network/resolutions/?country=PK").context["resolutions"].paginator.count == 0


def test_the_registry_costs_the_same_queries_with_many_resolutions(client, site_tree, make_org,
                                                                  django_assert_max_num_queries):
    org = make_org("One", country="CA")
    services.record_resolution(adopting_organisation=org, title_en="First", date=datetime.date(2020, 1, 1))
    client.get("/en/network/resolutions/")  # the site's settings are created on first use
    # Four of these are the registry's own (count, rows, two tallies); the rest are the site's header.
    with django_assert_max_num_queries(16) as few:
        client.get("/en/network/resolutions/")
    baseline = len(few)  # read now: each request empties the query log
    for n in range(60):
        other = make_org(f"Union {n}", country=["GB", "FR", "SE"][n % 3])
        services.record_resolution(adopting_organisation=other, title_en=f"R{n}", date=datetime.date(2000 + n % 20, 1, 1))
    client.get("/en/network/resolutions/")  # saving records empties the shared cache; warm it again
    with django_assert_max_num_queries(baseline):
        client.get("/en/network/resolutions/?kind=union")
    with django_assert_max_num_queries(baseline):
        client.get("/en/network/resolutions/map.svg")


def test_the_feed_lists_adopted_resolutions(client, spread):
    content = client.get("/en/network/resolutions/feed/").content.decode()
    assert "Dockers for Iran" in content
    assert "Still pending" not in content
