"""A delivery pack too big to draw during the request is drawn by the worker into private
storage, offered on a page that says it is being prepared, and served only to campaign staff."""

from pathlib import Path

import pytest
from django.urls import reverse

from solidarity.campaigns import deliverypack
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import DeliveryPack, ExportLog
from solidarity.campaigns.services.anonymisation import anonymise_campaign

from .test_staff_delivery_pack import pdf_text, words


@pytest.fixture
def private_root(settings, tmp_path):
    settings.CAMPAIGN_PRIVATE_ROOT = tmp_path / "private"
    settings.CAMPAIGN_DELIVERY_PACK_INLINE_MAX = 2
    return settings.CAMPAIGN_PRIVATE_ROOT


@pytest.fixture
def campaign(db, private_root):
    campaign = make_campaign()
    make_signature(campaign, email="ana@union.example", name="Ana López", country="ES")
    make_signature(campaign, email="reza@union.example", name="رضا کارگر", country="DE")
    make_signature(campaign, email="sam@union.example", name="Sam O'Neill", country="GB")
    return campaign


@pytest.fixture
def campaigner(client, make_staff):
    user = make_staff("campaigner", "Campaigners")
    client.force_login(user)
    return user


def ask_for_pack(client, campaign, language="en"):
    return client.post(reverse("campaigns_staff_delivery_pack", args=[campaign.pk]), {"language": language})


def final_status(client, url):
    """The status after following redirects (a 404 under /admin/ is first sent to /en/admin/)."""
    return client.get(url, follow=True).status_code


def status_url(pack):
    return reverse("campaigns_staff_delivery_pack_status", args=[pack.campaign_id, pack.pk])


def download_url(pack):
    return reverse("campaigns_staff_delivery_pack_download", args=[pack.campaign_id, pack.pk])


def test_above_the_threshold_the_campaigner_is_told_the_pack_is_being_prepared_then_downloads_it(
        client, campaign, campaigner, django_capture_on_commit_callbacks, tmp_path):
    with django_capture_on_commit_callbacks() as callbacks:
        response = ask_for_pack(client, campaign, "fa")
    pack = DeliveryPack.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(pack)
    assert (pack.status, pack.language, pack.requested_by) == (DeliveryPack.Status.QUEUED, "fa", campaigner)

    page = client.get(status_url(pack))
    assert "The delivery pack is being prepared." in page.content.decode()
    # Without JavaScript: the page reloads itself and has a link to do it by hand.
    assert page["Refresh"] == "5"
    assert f'href="{status_url(pack)}"' in page.content.decode()
    assert download_url(pack) not in page.content.decode()
    assert final_status(client, download_url(pack)) == 404
    assert not ExportLog.objects.exists()

    for callback in callbacks:  # the worker draws it
        callback()

    page = client.get(status_url(pack)).content.decode()
    assert "The delivery pack is ready: 3 signers." in page
    assert download_url(pack) in page
    download = client.get(download_url(pack))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    pdf = b"".join(download.streaming_content)
    assert "رضا کارگر" in pdf_text(pdf, tmp_path) and "Ana López" in words(pdf_text(pdf, tmp_path))
    entry = ExportLog.objects.get()
    assert (entry.user, entry.rows, entry.what, entry.campaign) == (campaigner, 3, "delivery pack PDF (fa)", campaign)


def test_at_or_below_the_threshold_the_pack_comes_at_once_as_before(client, campaign, campaigner, settings):
    settings.CAMPAIGN_DELIVERY_PACK_INLINE_MAX = 3

    response = ask_for_pack(client, campaign)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not DeliveryPack.objects.exists()
    assert ExportLog.objects.get().rows == 3


def test_pressing_the_button_twice_draws_one_pack(client, campaign, campaigner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = ask_for_pack(client, campaign)
        second = ask_for_pack(client, campaign)

    assert first["Location"] == second["Location"]
    assert DeliveryPack.objects.count() == 1
    assert len(callbacks) == 1


def test_the_file_lies_outside_the_media_files_with_a_name_that_cannot_be_guessed(
        client, campaign, campaigner, after_commit, settings, private_root):
    with after_commit():
        ask_for_pack(client, campaign)
    pack = DeliveryPack.objects.get()
    path = Path(private_root) / pack.file_name

    assert path.is_file()
    assert Path(settings.MEDIA_ROOT).resolve() not in path.resolve().parents
    assert len(pack.file_name) > 40 and str(campaign.pk) in pack.file_name
    # Neither the media address nor a guessed pack number reaches it.
    assert final_status(client, settings.MEDIA_URL + pack.file_name) == 404
    # 400 where media files are served (a path leaving the media folder is refused), else 404.
    assert final_status(client, f"{settings.MEDIA_URL}../private/{pack.file_name}") in (400, 404)
    other = make_campaign(slug="other")
    assert final_status(client, reverse("campaigns_staff_delivery_pack_download", args=[other.pk, pack.pk])) == 404
    assert final_status(client, reverse("campaigns_staff_delivery_pack_download", args=[campaign.pk, pack.pk + 1])) == 404


@pytest.mark.parametrize("group", ["Editors", "Translators"])
def test_an_editor_gets_403_for_the_pack_its_page_and_the_button(client, campaign, make_staff, after_commit, group):
    pack = DeliveryPack.objects.create(campaign=campaign, language="en")
    deliverypack.build_queued_pack(pack.pk)
    client.force_login(make_staff("someone", group))

    assert client.get(download_url(pack)).status_code == 403
    assert client.get(status_url(pack)).status_code == 403
    with after_commit():
        assert ask_for_pack(client, campaign).status_code == 403
    assert DeliveryPack.objects.count() == 1
    assert not ExportLog.objects.exists()


def test_an_administrator_may_download_it_and_a_visitor_is_sent_to_log_in(client, campaign, make_staff):
    pack = DeliveryPack.objects.create(campaign=campaign, language="en")
    deliverypack.build_queued_pack(pack.pk)

    anonymous = client.get(download_url(pack))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    client.force_login(make_staff("admin", "Administrators"))
    assert client.get(download_url(pack)).status_code == 200


def test_a_pack_that_could_not_be_drawn_says_so(client, campaign, campaigner, monkeypatch):
    pack = DeliveryPack.objects.create(campaign=campaign, language="en")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(deliverypack, "render_pdf", broken)
    with pytest.raises(OSError, match="disk full"):
        deliverypack.build_queued_pack(pack.pk)

    page = client.get(status_url(pack))
    assert "could not be prepared" in page.content.decode()
    assert "Refresh" not in page


def test_a_new_pack_replaces_the_older_file_and_anonymisation_deletes_them_all(campaign, private_root):
    first = DeliveryPack.objects.create(campaign=campaign, language="en")
    deliverypack.build_queued_pack(first.pk)
    first.refresh_from_db()
    second = DeliveryPack.objects.create(campaign=campaign, language="en")
    deliverypack.build_queued_pack(second.pk)
    second.refresh_from_db()

    assert list(DeliveryPack.objects.all()) == [second]
    assert not (Path(private_root) / first.file_name).exists()
    assert (Path(private_root) / second.file_name).exists()

    anonymise_campaign(campaign)

    assert not DeliveryPack.objects.exists()
    assert not (Path(private_root) / second.file_name).exists()
