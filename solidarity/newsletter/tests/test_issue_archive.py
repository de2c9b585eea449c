"""The web archive of past issues: /<lang>/newsletter/issues/ and each issue as a page."""

import pytest
from django.utils import timezone

from .conftest import make_issue, make_pair


def publish(*issues):
    for issue in issues:
        issue.published_at = timezone.now()
        issue.save(update_fields=["published_at"])


def test_the_archive_lists_issues_sent_in_the_pages_language_by_volume_and_number(client, site_tree):
    old = make_issue(volume=1, number=2)
    new = make_issue(volume=2, number=1)
    draft = make_issue(volume=3, number=1)
    persian = make_issue(language="fa", volume=2, number=1)
    publish(old, new, persian)

    page = client.get("/en/newsletter/issues/").content.decode()

    assert page.index("Volume 2, Number 1") < page.index("Volume 1, Number 2")
    assert "/en/newsletter/issues/1/2/" in page
    assert f"/en/newsletter/issues/{draft.volume}/{draft.number}/" not in page
    assert 'lang="en"' in page


def test_a_persian_issue_reads_right_to_left_with_persian_digits(client, site_tree):
    _en, fa = make_pair()
    publish(fa)

    page = client.get("/fa/newsletter/issues/3/7/").content.decode()

    assert 'dir="rtl"' in page
    assert "مبارزات کارگران در ایران" in page
    assert "دورهٔ ۳، شمارهٔ ۷" in page
    assert "در این شماره" in page
    assert "کارزار دوباره برای فعالان زندانی" in page


def test_the_web_version_has_the_issue_and_no_personal_links(client, site_tree):
    en, _fa = make_pair()
    publish(en)

    response = client.get("/en/newsletter/issues/3/7/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "In this issue" in page
    assert '<a href="#item-1">Renewed campaign for jailed activists</a>' in page
    assert "Write to the judiciary." in page
    assert "/unsubscribe/" not in page
    assert "/preferences/" not in page
    assert 'style="' not in page  # the public CSP allows no inline styles
    assert "<script" not in page


def test_an_issue_not_sent_yet_or_in_the_other_language_is_not_found(client, site_tree):
    en, fa = make_pair()
    publish(fa)

    assert client.get("/en/newsletter/issues/3/7/").status_code == 404
    assert client.get("/en/newsletter/issues/9/9/").status_code == 404
    assert client.get("/fa/newsletter/issues/3/7/").status_code == 200


def test_script_in_an_item_title_is_shown_as_text(client, site_tree):
    issue = make_issue(items=[{"heading": "<script>alert(1)</script>", "text": "<p>x</p><script>alert(2)</script>"}])
    publish(issue)

    page = client.get("/en/newsletter/issues/3/7/").content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.xfail(strict=True, reason="an issue's items are copies made when it was written: a case made "
                   "private afterwards keeps its name in the web archive until someone edits the issue; hiding "
                   "case items whose case is no longer public (source_id is kept) needs the newsletter's owner")
def test_a_case_made_private_after_the_issue_went_out_is_no_longer_named_in_the_web_archive(client, site_tree):
    from solidarity.cases.models import Case

    case = Case.objects.create(name_latin="Reza Driver", name_fa="رضا راننده", slug="reza-driver", is_public=True,
                               summary_en="A bus driver held since March.")
    issue = make_issue(items=[{"choice": f"case:{case.pk}"}])
    publish(issue)
    assert "Reza Driver" in client.get("/en/newsletter/issues/3/7/").content.decode()

    case.is_public = False
    case.save(update_fields=["is_public"])

    assert "Reza Driver" not in client.get("/en/newsletter/issues/3/7/").content.decode()
