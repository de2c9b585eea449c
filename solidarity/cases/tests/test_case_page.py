import pytest

from solidarity.network.models import Organisation

pytestmark = pytest.mark.django_db

SECRET_EVENT = {"kind": "medical_need", "date": "2024-02-10", "is_public": False,
                "description_en": "Heart condition kept private", "place_en": "Secret clinic"}


@pytest.fixture
def sentenced(make_case):
    union = Organisation.objects.create(name_en="Bus Workers' Syndicate", name_fa="سندیکای کارگران اتوبوس")
    case = make_case(
        "Kamran Example", name_fa="کامران نمونه", occupation_en="Bus driver", occupation_fa="راننده اتوبوس",
        city_en="Tehran", city_fa="تهران", summary_en="Arrested after a wage demand.", summary_fa="پس از مطالبهٔ دستمزد بازداشت شد.",
        affiliations_text_en="Board member", affiliations_text_fa="عضو هیئت مدیره",
        events=[
            {"kind": "arrest", "date": "2022-05-12", "place_en": "Evin Prison", "place_fa": "زندان اوین",
             "sources": "A named informant", "verification": "confirmed"},
            {"kind": "sentence", "date": "2023-03-01", "date_precision": "month", "prison_years": 5,
             "prison_months": 6, "lashes": 74, "fine_amount": 1500000000, "fine_currency": "IRR",
             "ban_en": "Two years' ban on union activity", "ban_fa": "دو سال محرومیت از فعالیت صنفی"},
            SECRET_EVENT,
        ],
    )
    case.affiliations.add(union)
    case.save()  # a cluster's relations are stored when it is saved
    return case


def test_a_public_case_shows_the_person_status_and_timeline(client, sentenced):
    response = client.get("/en/cases/kamran-example/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Kamran Example" in content
    assert "Kamran Example" in content and "کامران نمونه" in content
    assert "Imprisoned" in content
    for text in ("Bus driver", "Tehran", "Bus Workers&#x27; Syndicate", "Board member", "Evin Prison",
                 "12 May 2022", "March 2023", "5 years and 6 months in prison", "74 lashes",
                 "a fine of 1,500,000,000 rials", "Two years&#x27; ban on union activity", "Confirmed"):
        assert text in content, text
    assert content.index("12 May 2022") < content.index("March 2023")


def test_the_sources_and_private_events_never_appear(client, sentenced):
    content = client.get("/en/cases/kamran-example/").content.decode()
    assert "A named informant" not in content
    assert "Heart condition" not in content and "Secret clinic" not in content and "Medical need" not in content


def test_fields_not_chosen_for_publication_never_appear(client, sentenced):
    sentenced.show_occupation = sentenced.show_city = sentenced.show_affiliations = False
    sentenced.show_event_details = False
    sentenced.save()
    content = client.get("/en/cases/kamran-example/").content.decode()
    for hidden in ("Bus driver", "Tehran", "Syndicate", "Board member", "Evin Prison", "lashes", "fine",
                   "Two years", "Occupation", "Affiliations"):
        assert hidden not in content, hidden
    # What happened and when is still told.
    assert "Arrest" in content and "12 May 2022" in content and "Sentence" in content and "Imprisoned" in content


# What each publication choice shows, told apart so that one choice never governs another's field.
CHOSEN_FIELDS = {
    "show_occupation": ("Bus driver",),
    "show_city": ("Tehran",),
    "show_affiliations": ("Bus Workers&#x27; Syndicate", "Board member"),
    "show_event_details": ("Evin Prison", "74 lashes", "a fine of", "Two years&#x27; ban"),
}


@pytest.mark.parametrize("flag", CHOSEN_FIELDS)
def test_each_field_kept_off_the_page_is_hidden_on_its_own_and_the_others_still_show(client, sentenced, flag):
    setattr(sentenced, flag, False)
    sentenced.save()
    content = client.get("/en/cases/kamran-example/").content.decode()
    for field, texts in CHOSEN_FIELDS.items():
        for text in texts:
            assert (text in content) is (field != flag), (flag, text)


def test_a_photo_without_consent_is_not_shown(client, sentenced):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    sentenced.photo = Image.objects.create(title="portrait", file=get_test_image_file())
    sentenced.show_photo = True
    sentenced.save()
    assert "<img" not in client.get("/en/cases/kamran-example/").content.decode()
    sentenced.photo_consent = True
    sentenced.save()
    assert "<img" in client.get("/en/cases/kamran-example/").content.decode()


def test_a_private_case_is_not_found(client, sentenced):
    sentenced.is_public = False
    sentenced.save()
    assert client.get("/en/cases/kamran-example/").status_code == 404
    assert client.get("/fa/cases/kamran-example/").status_code == 404
    assert "Kamran" not in client.get("/en/cases/").content.decode()


def test_an_unknown_case_is_not_found(client, db):
    assert client.get("/en/cases/nobody/").status_code == 404


def test_the_persian_page_is_right_to_left_with_persian_digits_and_jalali_dates(client, sentenced):
    response = client.get("/fa/cases/kamran-example/")
    content = response.content.decode()
    assert 'lang="fa" dir="rtl"' in content
    assert "<title>کامران نمونه" in content
    assert "راننده اتوبوس" in content and "تهران" in content and "زندان اوین" in content
    assert "۲۲ اردیبهشت ۱۴۰۱ (۱۲ مه ۲۰۲۲)" in content
    assert "مارس ۲۰۲۳" in content
    assert "۵ سال و ۶ ماه زندان" in content
    assert "۱٬۵۰۰٬۰۰۰٬۰۰۰ ریال" in content
    assert "زندانی" in content  # the status


def test_the_page_names_its_canonical_address_and_its_other_language(client, sentenced):
    content = client.get("/en/cases/kamran-example/").content.decode()
    assert '<link rel="canonical" href="http://localhost/en/cases/kamran-example/">' in content
    assert '<link rel="alternate" hreflang="fa" href="http://localhost/fa/cases/kamran-example/">' in content
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/en/cases/kamran-example/">' in content


def test_script_in_names_and_texts_is_shown_as_text(client, make_case):
    script = "<script>alert(1)</script>"
    make_case("Evil", slug="evil", name_fa=script, occupation_en=script, city_en=script, summary_en=script,
              events=[{"kind": "arrest", "date": "2022-01-01", "place_en": script, "description_en": script}])
    for address in ("/en/cases/evil/", "/en/cases/", "/fa/cases/evil/"):
        content = client.get(address).content.decode()
        assert "<script>alert" not in content, address
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, address


def test_saving_a_case_or_an_event_purges_the_page_cache(client, sentenced, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert "Imprisoned" in client.get("/en/cases/kamran-example/").content.decode()
    assert client.get("/en/cases/kamran-example/")["X-Cache"] == "hit"
    event = sentenced.events.get(kind="arrest")
    event.pk = None
    event.kind, event.sort_order = "release", 9
    event.date = event.date.replace(year=2024)
    event.save()
    response = client.get("/en/cases/kamran-example/")
    assert response.get("X-Cache") != "hit"
    assert "Released" in response.content.decode()
    assert client.get("/en/cases/kamran-example/")["X-Cache"] == "hit"
    sentenced.events.get(kind="release").delete()
    assert "Released" not in client.get("/en/cases/kamran-example/").content.decode()
    sentenced.name_latin = "Kamran Renamed"
    sentenced.save()
    assert "Kamran Renamed" in client.get("/en/cases/kamran-example/").content.decode()


def test_an_organisation_waiting_for_review_is_not_named(client, sentenced):
    union = sentenced.affiliations.get()
    union.draft = True
    union.save(update_fields=["draft"])
    content = client.get("/en/cases/kamran-example/").content.decode()
    assert "Syndicate" not in content
    assert "Board member" in content


def test_an_untranslated_summary_and_place_on_the_persian_page_are_marked_english(client, make_case):
    case = make_case("Reza Shahabi", name_fa="رضا شهابی", summary_en="A bus driver and union leader.",
                     events=[{"kind": "arrest", "date": "2010-06-12", "place_en": "Evin Prison"}])
    content = client.get(f"/fa/cases/{case.slug}/").content.decode()
    assert '<div class="case-summary-text" lang="en" dir="ltr">' in content
    assert '<span lang="en" dir="ltr">Evin Prison</span>' in content
    # The name is in Persian: not marked.
    assert '<span lang="en" dir="ltr">رضا شهابی' not in content and "رضا شهابی" in content
