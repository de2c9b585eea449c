import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from solidarity.core.services import grant_group_permissions
from solidarity.publishing import factories

# Wagtail caches the sites' root paths; other test runs must not see ours, nor we theirs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]

ARTICLE = "Resolution No. 21 adopted in solidarity with workers in Iran"


def test_the_three_staff_groups_exist_after_migrating():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Administrators", "Editors", "Translators"} <= names
    # Wagtail's own "Moderators" group would be a fourth role nobody is in.
    assert "Moderators" not in names


def test_granting_the_permissions_again_adds_nothing_twice():
    counts = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(),
              Group.permissions.through.objects.count(), Group.objects.count())
    grant_group_permissions()
    grant_group_permissions()
    assert counts == (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(),
                      Group.permissions.through.objects.count(), Group.objects.count())


@pytest.mark.parametrize("group", ["Administrators", "Editors", "Translators"])
def test_every_staff_group_reaches_the_admin_dashboard(client, make_staff, group):
    client.force_login(make_staff("member", group))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert b"wagtail-dashboard" in response.content or b"Dashboard" in response.content


def test_a_user_without_a_group_is_sent_to_the_login_page(client, make_staff):
    client.force_login(make_staff("outsider"))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_editors_publish_pages_in_both_languages_and_handle_contact_messages(site_tree, make_staff):
    editor = make_staff("editor", "Editors")
    article = factories.make_article(site_tree["news"], title=ARTICLE)
    for page in (article, site_tree["fa_news"]):
        permissions = page.permissions_for_user(editor)
        assert permissions.can_edit() and permissions.can_publish() and permissions.can_unpublish()
    assert editor.has_perms([
        "wagtail_localize.submit_translation", "contact.view_contactmessage",
        "contact.delete_contactmessage", "wagtailredirects.add_redirect",
    ])
    # Deleting a whole section with its pages is left to administrators.
    assert not site_tree["news"].permissions_for_user(editor).can_delete()
    assert not editor.has_perm("auth.change_user")


def test_translators_edit_drafts_anywhere_but_publish_only_in_persian(site_tree, make_staff):
    translator = make_staff("translator", "Translators")
    english = factories.make_article(site_tree["news"], title=ARTICLE)
    persian = factories.translate(english, "fa", title="قطعنامه شماره ۲۱")

    on_english = english.permissions_for_user(translator)
    assert on_english.can_edit()
    assert not on_english.can_publish()
    assert not on_english.can_unpublish()
    assert not on_english.can_delete()

    on_persian = persian.permissions_for_user(translator)
    assert on_persian.can_edit() and on_persian.can_publish()
    assert translator.has_perm("wagtail_localize.submit_translation")
    assert not translator.has_perm("contact.view_contactmessage")


def test_translators_cannot_delete_the_english_original_through_the_admin(client, site_tree, make_staff):
    english = factories.make_article(site_tree["news"], title=ARTICLE)
    client.force_login(make_staff("translator", "Translators"))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[english.pk]))
    assert response.status_code in (302, 403)
    english.refresh_from_db()
    assert english.live


def test_administrators_manage_users_and_site_settings(client, make_staff):
    administrator = make_staff("administrator", "Administrators")
    assert administrator.has_perms(["auth.add_user", "auth.change_group", "publishing.change_siteidentity"])
    client.force_login(administrator)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200

    client.force_login(make_staff("editor", "Editors"))
    assert client.get(reverse("wagtailusers_users:index")).status_code != 200


def test_a_staff_member_who_prefers_persian_gets_the_admin_in_persian_right_to_left(client, make_staff):
    client.force_login(make_staff("translator", "Translators", language="fa"))
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    assert "داشبورد" in html


def test_a_staff_member_who_prefers_english_gets_the_admin_left_to_right(client, make_staff):
    client.force_login(make_staff("editor", "Editors", language="en"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en" dir="ltr"' in html
