import pytest

from solidarity.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_case):
    bus = Organisation.objects.create(name_en="Bus Workers' Syndicate", name_fa="سندیکای کارگران اتوبوس")
    teachers = Organisation.objects.create(name_en="Teachers' Association", name_fa="کانون معلمان")
    driver = make_case("Bus Driver", city_en="Tehran", city_fa="تهران",
                       events=[{"kind": "arrest", "date": "2023-01-01"}])
    driver.affiliations.add(bus)
    driver.save()
    teacher = make_case("Teacher One", city_en="Sanandaj", city_fa="سنندج",
                        events=[{"kind": "arrest", "date": "2022-09-01", "date_precision": "month"},
                                {"kind": "release", "date": "2023-11-01", "date_precision": "month"}])
    teacher.affiliations.add(teachers)
    teacher.save()
    # Affiliation and city kept off the public page: filters must not find them by these.
    hidden = make_case("Hidden Details", city_en="Tehran", show_city=False, show_affiliations=False,
                       events=[{"kind": "summons", "date": "2024-01-01"}])
    hidden.affiliations.add(bus)
    hidden.save()
    make_case("Private Person", is_public=False, city_en="Tehran", events=[{"kind": "arrest", "date": "2024-03-03"}])
    return {"bus": bus, "teachers": teachers}


def names(response):
    content = response.content.decode()
    return [name for name in ("Bus Driver", "Teacher One", "Hidden Details", "Private Person") if name in content]


def test_the_list_shows_public_cases_with_their_status_latest_news_first(client, cases):
    response = client.get("/en/cases/")
    content = response.content.decode()
    assert names(response) == ["Bus Driver", "Teacher One", "Hidden Details"]
    assert content.index("Hidden Details") < content.index("Teacher One") < content.index("Bus Driver")
    assert "Detained" in content and "Released" in content and "Summoned" in content
    assert "3 cases" in content


def test_the_list_filters_by_status(client, cases):
    assert names(client.get("/en/cases/", {"status": "released"})) == ["Teacher One"]


def test_the_list_filters_by_organisation_among_cases_that_show_it(client, cases):
    assert names(client.get("/en/cases/", {"organisation": cases["bus"].pk})) == ["Bus Driver"]


def test_the_list_filters_by_city_among_cases_that_show_it_in_either_language(client, cases):
    assert names(client.get("/en/cases/", {"city": "Tehran"})) == ["Bus Driver"]
    assert names(client.get("/fa/cases/", {"city": "تهران"})) == ["Bus Driver"]


def test_filters_combine(client, cases):
    assert names(client.get("/en/cases/", {"status": "detained", "city": "Sanandaj"})) == []
    assert "No case matches these filters." in client.get("/en/cases/", {"status": "detained", "city": "Sanandaj"}).content.decode()


def test_the_filter_form_offers_only_what_public_pages_show(client, cases):
    content = client.get("/en/cases/").content.decode()
    assert '<form class="filters case-filters" method="get"' in content
    assert '<option value="Tehran">Tehran</option>' in content
    assert '<option value="released">Released</option>' in content
    # No case is on bail, and the private case's status is not offered.
    assert 'value="on_bail"' not in content
    assert content.count('<option value="Tehran"') == 1


@pytest.mark.parametrize("params", [
    {"status": "nonsense"}, {"organisation": "abc"}, {"organisation": "9" * 40}, {"city": "x" * 5000},
    {"status": "", "organisation": "", "city": ""}, {"page": "999"}, {"page": "-1"}, {"city": "\x00"},
    {"city": "Teh\x00ran"}, {"organisation": "²"}, {"status": "\x00"}, {"organisation": "\x00"},
])
def test_odd_filter_values_never_break_the_list(client, cases, params):
    assert client.get("/en/cases/", params).status_code == 200


def test_a_persian_number_chooses_the_organisation(client, cases):
    number = str(cases["bus"].pk).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert names(client.get("/en/cases/", {"organisation": number})) == ["Bus Driver"]


def test_the_persian_list_is_right_to_left_with_persian_digits(client, cases):
    content = client.get("/fa/cases/").content.decode()
    assert 'lang="fa" dir="rtl"' in content
    assert "۳ پرونده" in content
    assert "سنندج" in content


def test_the_list_costs_the_same_queries_for_many_cases(client, cases, make_case, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as few:
        client.get("/en/cases/")
    for n in range(20):
        make_case(f"More {n}", city_en=f"City {n}", events=[{"kind": "arrest", "date": "2021-01-01"}])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/cases/")
    assert "23 cases" in response.content.decode()


def test_a_filtered_list_names_the_plain_list_as_canonical(client, cases):
    content = client.get("/fa/cases/", {"status": "released"}).content.decode()
    assert '<link rel="canonical" href="http://localhost/fa/cases/">' in content
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/cases/">' in content


def test_an_organisation_waiting_for_review_is_neither_offered_nor_found(client, cases):
    cases["bus"].draft = True
    cases["bus"].save(update_fields=["draft"])
    content = client.get("/en/cases/").content.decode()
    assert "Bus Workers" not in content and "Teachers&#x27; Association" in content
    assert names(client.get("/en/cases/", {"organisation": cases["bus"].pk})) == []
