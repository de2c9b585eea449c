"""A staff member switches the admin to Persian from their account page, with or without a
name on their account (the first administrator, made by createsuperuser, has none)."""

from wagtail.users.models import UserProfile

from solidarity.core.services import ADMINISTRATORS


def account_form(**changes):
    data = {
        "name_email-first_name": "", "name_email-last_name": "", "name_email-email": "first@example.org",
        "locale-preferred_language": "fa", "locale-current_time_zone": "",
        "theme-theme": "system", "theme-contrast": "system", "theme-density": "default",
        "theme-keyboard_shortcuts": "on",
    }
    data.update(changes)
    return data


def test_a_first_run_administrator_without_a_name_can_switch_the_admin_to_persian(client, make_staff):
    administrator = make_staff("first", ADMINISTRATORS)
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post("/admin/account/", account_form())

    assert response.status_code == 302
    assert UserProfile.get_for_user(administrator).preferred_language == "fa"
    page = client.get("/admin/account/").content.decode()
    assert 'lang="fa"' in page and 'dir="rtl"' in page


def test_a_name_typed_on_the_account_page_is_kept(client, make_staff):
    administrator = make_staff("named", ADMINISTRATORS)
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")

    client.post("/admin/account/", account_form(**{"name_email-first_name": "Shirin"}))

    administrator.refresh_from_db()
    assert administrator.first_name == "Shirin"
