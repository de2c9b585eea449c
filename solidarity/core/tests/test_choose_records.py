"""The search behind every many-to-many chooser (/admin/choose/<app>/<model>/<field>/): at most
twenty records, names in both languages and either digit set, those that start with what was
typed first, and only to staff who may read the records or edit the form that offers them."""

import pytest

from solidarity.core.admin_choosers import RESULTS
from solidarity.core.services import ADMINISTRATORS, CAMPAIGNERS, EDITORS, TRANSLATORS

SUBMITTED_BY = "/admin/choose/network/resolution/submitted_by/"
AFFILIATIONS = "/admin/choose/cases/case/affiliations/"
CAMPAIGN_CASES = "/admin/choose/campaigns/campaign/cases/"


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def labels(response):
    assert response.status_code == 200, response.content[:300]
    return [record["label"] for record in response.json()["results"]]


@pytest.fixture
def organisations(db):
    from solidarity.network.models import Organisation

    make = Organisation.objects.create
    return {
        "local": make(name_en="CUPE Local 4400", name_fa="کوپ شاخه ۴۴۰۰", acronym_en="CUPE 4400"),
        "ontario": make(name_en="CUPE Ontario", name_fa="کوپ انتاریو"),
        "vahed": make(name_en="Syndicate of Workers of Tehran and Suburbs Bus Company",
                      name_fa="سندیکای کارگران شرکت واحد اتوبوسرانی تهران و حومه", acronym_en="Vahed"),
        "haft": make(name_en="", name_fa="سندیکای کارگران نیشکر هفت‌تپه"),
        "aptuf": make(name_en="All Pakistan Trade Union Federation", name_fa="", acronym_en="APTUF"),
    }


def test_a_coordinator_finds_organisations_by_english_or_persian_name(client, make_staff, organisations):
    client = signed_in(client, make_staff("coordinator", EDITORS))

    assert labels(client.get(SUBMITTED_BY, {"q": "cupe"})) == ["CUPE Local 4400", "CUPE Ontario"]
    assert labels(client.get(SUBMITTED_BY, {"q": "انتاریو"})) == ["CUPE Ontario"]
    # An acronym is one of the organisation's search fields.
    assert labels(client.get(SUBMITTED_BY, {"q": "aptuf"})) == ["All Pakistan Trade Union Federation"]
    assert labels(client.get(SUBMITTED_BY, {"q": "no such union"})) == []
    assert labels(client.get(SUBMITTED_BY, {"q": "   "})) == []


def test_digits_letter_forms_and_zero_width_non_joiners_do_not_matter(client, make_staff, organisations):
    client = signed_in(client, make_staff("coordinator", EDITORS))

    # Latin digits find Persian ones and back; Arabic yeh and kaf find the Persian letters.
    assert labels(client.get(SUBMITTED_BY, {"q": "4400"})) == ["CUPE Local 4400"]
    assert labels(client.get(SUBMITTED_BY, {"q": "۴۴۰۰"})) == ["CUPE Local 4400"]
    assert labels(client.get(SUBMITTED_BY, {"q": "كوپ انتاريو"})) == ["CUPE Ontario"]
    # Typed with a space, with a ZWNJ or with neither, as the name was stored with a ZWNJ.
    for typed in ("هفت تپه", "هفت\u200cتپه", "نیشکر هفت"):
        assert labels(client.get(SUBMITTED_BY, {"q": typed})) == ["سندیکای کارگران نیشکر هفت‌تپه"], typed


def test_each_record_is_named_in_the_admins_language_and_marked_with_it(client, make_staff, organisations):
    client = signed_in(client, make_staff("hamid", EDITORS, language="fa"))

    results = client.get(SUBMITTED_BY, {"q": "cupe"}).json()["results"]

    assert [(r["label"], r["lang"], r["dir"]) for r in results] == [
        ("کوپ انتاریو", "fa", "rtl"), ("کوپ شاخه ۴۴۰۰", "fa", "rtl")]
    assert results[0]["id"] == str(organisations["ontario"].pk)
    # A name not written in Persian yet is shown in English, marked as English.
    aptuf = client.get(SUBMITTED_BY, {"q": "aptuf"}).json()["results"]
    assert [(r["label"], r["lang"], r["dir"]) for r in aptuf] == [("All Pakistan Trade Union Federation", "en", "ltr")]


def test_names_that_start_with_what_was_typed_come_first_and_at_most_twenty_answer(client, make_staff, db):
    from solidarity.network.models import Organisation

    Organisation.objects.bulk_create([Organisation(name_en=f"Amalgamated Teachers Union {n:03}") for n in range(60)])
    Organisation.objects.create(name_en="Teachers Union of Ontario")
    client = signed_in(client, make_staff("coordinator", EDITORS))

    answer = client.get(SUBMITTED_BY, {"q": "teachers union"}).json()

    assert len(answer["results"]) == RESULTS and answer["more"] is True
    assert answer["results"][0]["label"] == "Teachers Union of Ontario"
    assert [r["label"] for r in answer["results"][1:4]] == [f"Amalgamated Teachers Union {n:03}" for n in range(3)]


def test_a_campaigner_editing_a_case_finds_organisations_by_name_only(client, make_staff, organisations):
    from solidarity.network.models import Organisation

    Organisation.objects.filter(pk=organisations["ontario"].pk).update(city_en="Toronto")
    client = signed_in(client, make_staff("campaigner", CAMPAIGNERS))

    # Campaigners may not read the network's records, but the case form offers its organisations.
    assert labels(client.get(AFFILIATIONS, {"q": "ontario"})) == ["CUPE Ontario"]
    # ...by their names: a field only readers of organisations search is not searched for them.
    assert labels(client.get(AFFILIATIONS, {"q": "toronto"})) == []
    # The registry's own fields stay closed to them.
    assert client.get(SUBMITTED_BY, {"q": "ontario"}).status_code == 403
    editor = signed_in(client, make_staff("coordinator", EDITORS))
    assert labels(editor.get(AFFILIATIONS, {"q": "toronto"})) == ["CUPE Ontario"]


def test_a_translator_cannot_read_private_case_names_through_the_search(client, make_staff, db):
    from solidarity.cases.models import Case

    Case.objects.create(name_latin="Reza Hidden", name_fa="رضا پنهان", is_public=False)

    translator = signed_in(client, make_staff("translator", TRANSLATORS))
    for query in ("Reza", "رضا"):
        response = translator.get(CAMPAIGN_CASES, {"q": query})
        assert response.status_code == 403
        assert "Reza" not in response.content.decode() and "رضا" not in response.content.decode()

    for name, group in (("campaigner", CAMPAIGNERS), ("admin", ADMINISTRATORS)):
        reader = signed_in(client, make_staff(name, group))
        assert labels(reader.get(CAMPAIGN_CASES, {"q": "Reza"})) == ["Reza Hidden"]


def test_only_many_to_many_fields_to_records_with_a_chooser_are_searched(client, make_staff, db):
    client = signed_in(client, make_staff("admin", ADMINISTRATORS))

    # Signatures are never offered; a field that is neither many-to-many nor a foreign key; nothing.
    for address in ("/admin/choose/campaigns/protestdelivery/signatures/",
                    "/admin/choose/network/resolution/title_en/", "/admin/choose/network/nothing/here/",
                    "/admin/choose/network/resolution/nothing/"):
        response = client.get(address, {"q": "a"})
        # Not found (which the language middleware answers by sending to the same address under
        # a language prefix, where nothing answers either).
        assert response.status_code == 404 or response["Location"].startswith(f"/en{address}"), address


def test_people_outside_the_admin_are_sent_to_sign_in(client, organisations):
    response = client.get(SUBMITTED_BY, {"q": "cupe"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_long_query_is_cut_and_answers_in_a_few_queries(client, make_staff, organisations,
                                                          django_assert_max_num_queries):
    client = signed_in(client, make_staff("coordinator", EDITORS))

    with django_assert_max_num_queries(12):
        answer = client.get(SUBMITTED_BY, {"q": "cupe " * 200})
    assert labels(answer) == ["CUPE Local 4400", "CUPE Ontario"]


def test_related_articles_are_found_by_title_in_either_language(client, make_staff, site_tree):
    import datetime

    from solidarity.publishing import factories

    article = factories.make_article(site_tree["news"], title="Bus drivers win their appeal",
                                     date=datetime.date(2024, 3, 1))
    factories.translate(article, "fa", title="رانندگان اتوبوس در دادگاه پیروز شدند")
    client = signed_in(client, make_staff("coordinator", EDITORS))

    results = client.get("/admin/choose/network/event/related_articles/", {"q": "اتوبوس"}).json()["results"]
    assert [(r["label"], r["lang"]) for r in results] == [("رانندگان اتوبوس در دادگاه پیروز شدند", "fa")]


def test_in_the_persian_admin_names_written_in_persian_come_before_those_only_in_english(client, make_staff, db):
    from solidarity.network.models import Organisation

    Organisation.objects.bulk_create([Organisation(name_en=f"Teachers Local {n:02}") for n in range(30)])
    Organisation.objects.create(name_en="Teachers Federation", name_fa="فدراسیون معلمان")
    client = signed_in(client, make_staff("hamid", EDITORS, language="fa"))

    found = labels(client.get(SUBMITTED_BY, {"q": "teachers"}))

    assert found[:2] == ["فدراسیون معلمان", "Teachers Local 00"]
