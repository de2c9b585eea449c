"""Staff who sign in fully (password and code) through the production server still read only
what their group may: a probe of the permission matrix's most sensitive rows."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.cases.models import Case
from solidarity.contact.models import ContactMessage
from solidarity.core import twofactor
from solidarity.core.services import CAMPAIGNERS, EDITORS, TRANSLATORS
from solidarity.publishing import factories

PASSWORD = "a long right horse battery"  # noqa: S105


@pytest.fixture
def signed_in(production_server, committed_db, django_user_model):
    """A staff member of `group` who has given the password and the code, at their own address."""
    from django.contrib.auth.models import Group

    def sign_in(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@alliance.example")
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group))
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        visitor = production_server.visitor(ip=f"192.0.2.{len(username)}")
        assert visitor.form_post("/admin/login/", {"username": username, "password": PASSWORD}).status_code == 302
        answer = visitor.form_post("/admin/two-factor/", {"code": twofactor.current_code(device), "next": "/admin/"})
        assert answer.status_code == 302 and answer.headers["Location"] == "/admin/"
        assert visitor.get("/admin/").status_code == 200
        return visitor

    return sign_in


def test_a_translator_cannot_read_private_cases_or_contact_messages_through_any_chooser(signed_in):
    case = Case.objects.create(name_latin="Reza Hidden", name_fa="رضا پنهان", is_public=False)
    message = ContactMessage.objects.create(name="A source", email="source@example.org",
                                            subject="My brother was arrested", message="Please help.")
    translator = signed_in("translator", TRANSLATORS)

    for path in ("/admin/snippets/choose/cases/case/", f"/admin/snippets/choose/cases/case/chosen/{case.pk}/",
                 "/admin/snippets/choose/contact/contactmessage/",
                 f"/admin/snippets/choose/contact/contactmessage/chosen/{message.pk}/",
                 f"/admin/snippets/cases/case/edit/{case.pk}/", f"/admin/snippets/cases/case/history/{case.pk}/",
                 "/admin/choose/campaigns/campaign/cases/?q=Reza"):
        answer = translator.get(path)
        assert answer.status_code == 403, path
        assert "Reza Hidden" not in answer.text and "My brother was arrested" not in answer.text


def test_a_campaigner_sees_no_private_document_through_the_admin_api(signed_in):
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Private sources")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS,
    ).groups.add(Group.objects.get(name=EDITORS))
    document = factories.make_document(title="Witness statement of the detained driver", filename="witness.pdf",
                                       content=b"%PDF-1.4 witness")
    document.collection = private
    document.save(update_fields=["collection"])
    campaigner = signed_in("campaigner", CAMPAIGNERS)

    listing = campaigner.get("/admin/api/main/documents/")
    detail = campaigner.get(f"/admin/api/main/documents/{document.pk}/")
    served = campaigner.get(f"/documents/{document.pk}/{document.filename}")

    assert listing.status_code == detail.status_code == 403
    assert "Witness statement" not in listing.text + detail.text
    assert served.status_code in (302, 403) and b"witness" not in served.content
