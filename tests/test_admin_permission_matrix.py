"""Every admin address the project registers, asked (GET) by every kind of staff member, holds
the answers of one permission matrix.

The addresses come from the URL resolver itself (everything under admin/ and django-admin/),
so a view added later, by an app or by a Wagtail upgrade, fails here until the matrix says who
may read it. Parameters are filled from real records made below: a private case, a contact
message, a pending endorsement, a letter, a newsletter issue, a document in a private
collection, pages with revisions and a workflow under way, a translation in progress...

A refusal is the same everywhere: 403. People without access to the admin (anonymous, or a
signed-in account in no staff group) are sent to sign in.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from solidarity.core.services import ADMINISTRATORS, CAMPAIGNERS, EDITORS, TRANSLATORS

pytestmark = pytest.mark.slow

ANONYMOUS = "anonymous"
NO_GROUP = "no group"
PERSONAS = [ANONYMOUS, NO_GROUP, ADMINISTRATORS, EDITORS, TRANSLATORS, CAMPAIGNERS]


# ---------------------------------------------------------------------------------------------
# Walking the resolver

def admin_patterns():
    """(route, name, pattern) for every URL pattern under admin/ and django-admin/."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = namespace + pattern.name if pattern.name else None
                yield prefix + str(pattern.pattern), name, pattern

    return [entry for entry in walk(get_resolver().url_patterns)
            if entry[0].startswith(("admin/", "django-admin/"))]


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>(?P<regex>(?:[^()]|\([^()]*\))*)\)")


def fill(route, values):
    """The path of `route` with its parameters taken from `values(name)`."""

    def replace(match):
        return str(values(match["name"] or match["group"]))

    # The admin's catch-all (`^.*/$`) is asked for an address nothing else answers.
    path = PARAMETER.sub(replace, route).replace(".*", "no-such-page")
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


# ---------------------------------------------------------------------------------------------
# The records every address is asked about

def png_bytes():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(out, "PNG")
    return out.getvalue()


def make_records(site_tree, make_staff):
    """One record of every kind an admin address can name; the private ones in particular."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        Site,
        Task,
        Workflow,
    )

    from solidarity.archive.models import ImportedFile, ImportRun
    from solidarity.campaigns.factories import make_campaign, make_signature
    from solidarity.campaigns.models import AccessRule, CampaignUpdate, DeliveryPack, Endorsement
    from solidarity.cases.models import Case
    from solidarity.contact.models import ContactMessage
    from solidarity.network import legacy
    from solidarity.network.models import LetterTemplate
    from solidarity.newsletter.models import Issue, Send
    from solidarity.publishing import factories
    from solidarity.publishing.models import SiteIdentity
    from solidarity.supporters.models import Bounce, MailingList, StaffAction, Subscriber, Suppression

    editor = make_staff("records-editor", EDITORS)
    about = site_tree["about"]
    factories.translate(about, "fa", title="درباره ما")
    about.title = "About Us (draft)"
    revision = about.save_revision(user=editor)
    workflow = Workflow.objects.filter(active=True).first()
    workflow_state = workflow.start(about, editor)
    task_state = workflow_state.current_task_state

    private = Collection.get_first_root_node().add_child(name="Private sources")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS,
    ).groups.add(Group.objects.get(name=ADMINISTRATORS))
    document = factories.make_document(title="Witness statement of the detained driver",
                                       filename="witness.pdf", content=b"%PDF-1.4 witness")
    document.collection = private
    document.save(update_fields=["collection"])
    # In the root collection: staff who work with documents (translators choose them) read it.
    factories.make_document(title="Minutes of the drivers' committee", filename="minutes.pdf",
                            content=b"%PDF-1.4 minutes")
    image = factories.make_image(title="Portrait", filename="portrait.png", content=png_bytes())

    case = Case.objects.create(name_latin="Reza Hidden", name_fa="رضا پنهان", is_public=False)
    campaign = make_campaign()
    signature = make_signature(campaign)
    endorsement = Endorsement.objects.create(
        campaign=campaign, organisation_name="Secret Local 12", representative_name="Ana Rep",
        representative_role="Secretary", email="rep@local12.example", country="GB")
    update = CampaignUpdate.objects.create(campaign=campaign, title_en="Released on bail", body_en="Good news.",
                                           published_at=timezone.now())
    rule = AccessRule.objects.create(kind=AccessRule._meta.get_field("kind").choices[0][0],
                                     action=AccessRule._meta.get_field("action").choices[0][0],
                                     value="blocked.example")
    pack = DeliveryPack.objects.create(campaign=campaign, status=DeliveryPack.Status.QUEUED)
    message = ContactMessage.objects.create(
        name="Worried Sender", email="sender@example.org", subject="My brother was arrested",
        message="Please help.", language="en", fingerprint="x", duplicate_window=0)
    letter = legacy.aptuf_message_2008()
    resolution = legacy.cupe_resolution_21()
    template = LetterTemplate.objects.create(name="Solidarity message", kind=LetterTemplate.Kind.choices[0][0],
                                             subject="Solidarity", body="We stand with you.")
    issue = Issue.objects.create(language="en", volume=3, number=7, date=datetime.date(2026, 11, 1),
                                 title="Issue on the hidden strike")
    mailing_list = MailingList.objects.create(slug="permission-matrix", name_en="Matrix", name_fa="ماتریس",
                                              kind=MailingList.Kind.TOPIC, language="en")
    send = Send.objects.create(issue=issue)
    subscriber = Subscriber.objects.create(email="reader@example.org", name="Quiet Reader", language="en")
    bounce = Bounce.objects.create(subscriber=subscriber, email=subscriber.email, kind=Bounce.Kind.HARD)
    staff_action = StaffAction.objects.create(user=editor, action=StaffAction.Action.EXPORT_SUBSCRIBERS)
    suppression = Suppression.objects.create(email_key="gone@example.org", reason=Suppression.Reason.UNSUBSCRIBED)
    run = ImportRun.objects.create(source="matrix")
    ImportedFile.objects.create(run=run, name="old.txt", checksum="0" * 64, original="archive/old.txt",
                                file_format="text", letter=letter)
    redirect = Redirect.objects.create(old_path="/old-page", redirect_link="https://example.org/")
    tag = Tag.objects.create(name="solidarity", slug="solidarity")
    identity = SiteIdentity.load()

    from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(about)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="fa"))
    string_segment = StringSegment.objects.filter(source=source).first()
    overridable = OverridableSegment.objects.filter(source=source).first()

    return {
        "page": about, "home": site_tree["home"], "news": site_tree["news"], "revision": revision,
        "workflow": workflow, "workflow_state": workflow_state, "task_state": task_state,
        "task": Task.objects.filter(active=True).first(),
        "collection": private, "document": document, "image": image,
        "cases.case": case, "campaigns.campaign": campaign, "campaigns.signature": signature,
        "campaigns.endorsement": endorsement, "campaigns.campaignupdate": update, "campaigns.accessrule": rule,
        "pack": pack, "contact.contactmessage": message,
        "network.correspondence": letter, "network.resolution": resolution,
        "network.organisation": letter.sender, "network.event": letter.event or resolution.event,
        "network.lettertemplate": template, "newsletter.issue": issue, "send": send,
        "supporters.subscriber": subscriber, "supporters.mailinglist": mailing_list,
        "supporters.suppression": suppression, "supporters.bounce": bounce, "supporters.staffaction": staff_action,
        "run": run, "redirect": redirect, "tag": tag, "identity": identity,
        "locale": Locale.objects.get(language_code="fa"), "site": Site.objects.get(is_default_site=True),
        "user": editor, "group": Group.objects.get(name=EDITORS),
        "translation_source": source, "translation": translation,
        "string_segment": string_segment, "overridable_segment": overridable,
        "content_type": ContentType.objects.get_for_model(type(case)),
    }


# Which record a URL namespace is about (for its `pk`).
NAMESPACE_RECORDS = {
    "campaign_signatures": "campaigns.signature",
    "supporters_subscriber": "supporters.subscriber",
    "supporters_mailinglist": "supporters.mailinglist",
    "supporters_suppression": "supporters.suppression",
    "supporters_bounce": "supporters.bounce",
    "supporters_staffaction": "supporters.staffaction",
    "wagtaillocales": "locale",
    "wagtailsites": "site",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtailadmin_collections": "collection",
    "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:documents": "document",
    "wagtailadmin_api:images": "image",
    "wagtailsettings": "identity",
}
# Which record a custom view's `pk` names.
NAME_RECORDS = {
    "campaigns_staff_decide_endorsement": "campaigns.endorsement",
    "newsletter_send_progress": "send", "newsletter_send_pause": "send", "newsletter_send_resume": "send",
    "supporters_person": "supporters.subscriber", "supporters_person_data": "supporters.subscriber",
    "archive_report": "run", "archive_report_csv": "run",
    "archive_review_draft": "network.correspondence",
    "network_letter_view": "network.correspondence", "network_letter_pdf": "network.correspondence",
    "wagtail_localize:submit_snippet_translation": "cases.case",
    "wagtail_localize:snippets_api_detail": "cases.case",
    "core_localize_snippets_api_detail": "cases.case",
    "wagtailadmin_workflows:edit_task": "task", "wagtailadmin_workflows:disable_task": "task",
    "wagtailadmin_workflows:enable_task": "task",
}
DJANGO_ADMIN_RECORDS = {"auth_user": "user", "auth_group": "group", "wagtaildocs_document": "document",
                        "wagtailimages_image": "image", "taggit_tag": "tag"}


def query_for(name, records):
    """Addresses that read the records named in their query: ask them for a private one."""
    name = name or ""
    if name == "core_bulk_action":
        return f"?id={records['cases.case'].pk}"
    if name == "wagtailadmin_choose_page_chosen_multiple":
        return f"?id={records['page'].pk}"
    if name == "core_choose_records":  # a campaign's cases, searched for the private one
        return "?q=Reza"
    if name.endswith(":chosen_multiple"):
        return f"?id={parameters(name.replace(':chosen_multiple', ':chosen'), records)('pk')}"
    return ""


def parameters(name, records):
    """The value of each URL parameter of the pattern called `name`."""
    namespace = name.rsplit(":", 1)[0] if name and ":" in name else ""
    name = name or ""

    def record_for_pk():
        if name in NAME_RECORDS:
            return records[NAME_RECORDS[name]]
        if namespace.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
            app_label, model_name = namespace.split("_", 1)[1].split("_", 1)
            return records[f"{app_label}.{model_name}"]
        if name.startswith(("campaigns_staff_", "newsletter_")):
            return records["newsletter.issue"] if name.startswith("newsletter_") else records["campaigns.campaign"]
        if name.startswith("wagtailadmin_workflows:"):
            return records["workflow"]
        if name == "wagtailadmin_pages:revisions_compare":
            return records["page"]
        return records[NAMESPACE_RECORDS[namespace]]

    def value(parameter):
        if parameter in ("pk", "id", "object_id") and (not name or name.startswith("admin:")):
            # Django's admin: every persona is sent to its sign-in before any record is read.
            model = next((key for key in DJANGO_ADMIN_RECORDS if name and key in name), "auth_user")
            return records[DJANGO_ADMIN_RECORDS[model]].pk
        if parameter in ("pk", "id"):
            return record_for_pk().pk
        simple = {
            "page_id": records["page"].pk, "page_pk": records["page"].pk, "page_to_move_id": records["page"].pk,
            "parent_page_id": records["home"].pk, "destination_id": records["news"].pk,
            "revision_id": records["revision"].pk, "revision_id_a": "earliest", "revision_id_b": "latest",
            "workflow_pk": records["workflow"].pk, "workflow_state_id": records["workflow_state"].pk,
            "task_state_id": records["task_state"].pk, "action_name": "approve",
            "task_id": records["task"].pk,
            "document_id": records["document"].pk, "doc_id": records["document"].pk,
            "image_id": records["image"].pk, "filter_spec": "original", "uploaded_file_id": 1,
            "collection_id": records["collection"].pk, "redirect_id": records["redirect"].pk,
            "pack_pk": records["pack"].pk, "session_id": 1,
            "translation_source_id": records["translation_source"].pk, "translation_id": records["translation"].pk,
            "string_segment_id": getattr(records["string_segment"], "pk", 1),
            "overridable_segment_id": getattr(records["overridable_segment"], "pk", 1),
            "mode": "default", "uidb64": "MQ", "token": "set-password", "url": "nowhere/",
            "content_type_id": records["content_type"].pk,
            "language": "fa", "name": "index", "filename": "dashboard.png",
        }
        if parameter in simple:
            return simple[parameter]
        if parameter == "kind":
            return {"network_csv_export": "organisations", "newsletter_preview": "html"}.get(name, "letter")
        if parameter in ("app_label", "app_name", "content_type_app_name", "model_name", "content_type_model_name",
                         "action"):
            # The model an address of this kind is about.
            model = {
                "wagtail_bulk_action": ("cases", "case", "delete"),
                "core_bulk_action": ("cases", "case", "delete"),
                "wagtailadmin_tag_model_autocomplete": ("taggit", "tag", ""),
                "wagtailsettings:edit": ("publishing", "siteidentity", ""),
                "wagtailsettings:preview_on_edit": ("publishing", "siteidentity", ""),
                "wagtailadmin_workflows:add_task": ("wagtailcore", "groupapprovaltask", ""),
                "admin:app_list": ("auth", "", ""),
                "wagtail_localize:submit_snippet_translation": ("cases", "case", ""),
                "wagtail_localize:snippets_api_listing": ("cases", "case", ""),
                "wagtail_localize:snippets_api_detail": ("cases", "case", ""),
                "core_localize_snippets_api_listing": ("cases", "case", ""),
                "core_localize_snippets_api_detail": ("cases", "case", ""),
                "wagtailadmin_editing_sessions:ping": ("cases", "case", ""),
                "core_choose_records": ("campaigns", "campaign", ""),
            }.get(name, ("publishing", "standardpage", ""))
            index = 2 if parameter == "action" else 1 if "model" in parameter else 0
            return model[index]
        if parameter == "field_name":  # a many-to-many chooser's search
            return "cases"
        if parameter == "object_id":  # editing sessions
            return records["cases.case"].pk
        raise LookupError(f"no value for <{parameter}> in {name}")

    return value


# ---------------------------------------------------------------------------------------------
# The matrix: for each family of addresses (a regular expression on the URL's name, or on its
# route when it has none), who gets it. The first rule that matches decides; every address
# must match one, and every rule must match an address.

A, E, T, C = ADMINISTRATORS, EDITORS, TRANSLATORS, CAMPAIGNERS
ALL_STAFF = frozenset({A, E, T, C})
NOBODY = frozenset()  # a permission no group holds (subscribers are never added by hand...)
# Other answers than "these groups read it, the other groups are refused, people without
# access to the admin are sent to sign in":
PUBLIC = "public"  # everyone gets the page, signed in or not (sign-in pages, scripts)
POST_ONLY = "post only"  # GET is not allowed (405) for everyone in the admin: it reads nothing
SIGN_IN_FOR_ALL = "sign in for all"  # Django's admin: no persona is Django staff
UNREACHABLE = "unreachable"  # an earlier pattern with the same address answers instead
NOT_ASKED = "not asked"  # Wagtail's page that crashes on purpose, to test error reporting
SIGN_IN_STEPS = "sign-in steps"  # the two-step sign-in's own pages: any answer but a crash
NOT_FOUND_FOR_OTHERS = "not found for others"  # with the groups that read it: the others get a 404

# Records: who may read each model, in its snippet or model viewset and its chooser.
MODEL_READERS = {
    "wagtailsnippet(s|choosers)_cases_case": {A, E, C},
    "wagtailsnippet(s|choosers)_contact_contactmessage": {A, E},
    r"wagtailsnippet(s|choosers)_network_\w+": {A, E},
    r"wagtailsnippet(s|choosers)_campaigns_\w+": {A, C},
    "campaign_signatures": {A, C},
    "wagtailsnippet(s|choosers)_newsletter_issue": {A, E, C},
    "supporters_mailinglist": {A, E, C},
    "supporters_(subscriber|suppression|bounce|staffaction)": {A, C},
}
# Actions on those records that need a permission the model does not have.
NO_SUCH_PERMISSION = [
    r"wagtailsnippet(s|choosers)_contact_contactmessage:(add|copy|create)",  # messages come from the form
    r"supporters_subscriber:add",  # people subscribe themselves
    r"supporters_bounce:(add|edit|usage)",  # bounces are read from the mailbox
    r"supporters_staffaction:(add|edit|delete|history|history_results|usage)",  # the log is only read
    r"wagtailsnippets:index",  # every snippet has its own menu, so the generic index lists none
    r"wagtailforms:delete_submissions",  # the site has no form pages
]

PAGE_WORKERS = {A, E, T}  # anyone with a page permission
PAGE_PUBLISHERS = {A, E}

MATRIX = [
    # Signing in and what the sign-in pages need.
    (r"solidarity_login|wagtailadmin_sprite|wagtailadmin_javascript_catalog|wagtailadmin_password_reset_\w+"
     r"|otp_webauthn:js-i18n-catalog|admin:logout", PUBLIC),
    (r"core_two_factor_\w+|otp_webauthn:[\w-]+", SIGN_IN_STEPS),
    (r"wagtailadmin_login|wagtailadmin_logout|wagtailadmin_password_reset|admin:login"
     r"|wagtail_localize:snippets_api_\w+|wagtail_bulk_action", UNREACHABLE),
    (r"django-admin/.*", SIGN_IN_FOR_ALL),
    (r"wagtailadmin_error_test", NOT_ASKED),
    # Addresses that only take a POST.
    (r"wagtailadmin_pages:(set_page_position|lock|unlock)|wagtailadmin_workflows:(enable|remove|enable_task)"
     r"|wagtailadmin_editing_sessions:\w+|wagtail_localize:(edit_string_translation|edit_override|upload_pofile"
     r"|machine_translate|stop_translation)|wagtail(docs|images):(edit|delete|create|delete_upload)_multiple\w*"
     r"|wagtail(docs|images):create_multiple_from_uploaded_\w+", POST_ONLY),
    # The records of the apps (see MODEL_READERS and NO_SUCH_PERMISSION).
    *[(pattern, NOBODY) for pattern in NO_SUCH_PERMISSION],
    *[(rf"{namespace}:\w+", readers) for namespace, readers in MODEL_READERS.items()],
    (r"core_localize_snippets_api_\w+|core_bulk_action", {A, E, C}),  # asked about a case here
    # A many-to-many chooser's search: those who may read the records or change the form's.
    (r"core_choose_records", {A, E, C}),  # asked about a campaign's cases here
    # The apps' own staff pages.
    (r"campaigns_staff_\w+", {A, C}),
    (r"supporters_(exchange|export|person|person_data)", {A, C}),
    (r"newsletter_\w+", {A, E, C}),
    (r"network_\w+", {A, E}),
    (r"archive_\w+", {A, E}),
    # Pages, their history, revisions, workflow and translation. Some of Wagtail's page views
    # only redirect, or ask a question about pages by number, for everyone in the admin.
    (r"wagtailadmin_pages:(choose_parent|move_confirm|convert_alias|confirm_workflow_cancellation"
     r"|revisions_index)|wagtailforms:list_submissions\w*", ALL_STAFF),
    (r"wagtailadmin_pages:(delete|unpublish|move|workflow_action|collect_workflow_action_data|workflow_preview"
     r"|set_privacy|revisions_unschedule)|wagtailadmin_reports:locked_pages\w*", PAGE_PUBLISHERS),
    (r"wagtailadmin_api:pages:\w+|wagtailadmin_explore\w*|wagtailadmin_pages:\w+"
     r"|wagtailadmin_reports:(workflow|workflow_tasks|aging_pages|page_types_usage)\w*|wagtailforms:\w+"
     r"|wagtail_localize:(submit_page_translation|submit_snippet_translation|update_translations"
     r"|download_pofile|preview_translation|convert_to_alias)", PAGE_WORKERS),
    # Images and documents: those who work in a collection; choosing, also translators; a
    # document in a private collection only those who may change it.
    (r"wagtaildocs_chooser:chosen|wagtailadmin_api:documents:detail", {A, E}),
    (r"wagtail(docs|images)_chooser:create", {A, E}),
    (r"wagtail(docs|images)_chooser:\w+|wagtailadmin_api:(documents|images):\w+", {A, E, T}),
    (r"wagtail(docs|images):\w+", {A, E}),
    (r"wagtailredirects:\w+", {A, E}),
    # Running the site.
    # Wagtail looks the collection up among those the person may delete: "not found" to others.
    (r"wagtailadmin_collections:delete", (NOT_FOUND_FOR_OTHERS, {A})),
    (r"wagtailadmin_collections:\w+|wagtailadmin_workflows:(?!task_cho)\w+|wagtaillocales:\w+|wagtailsites:\w+"
     r"|wagtailusers_\w+:\w+", {A}),
    # The site's settings: the first address only sends to the settings record's own.
    (r"admin/settings/<slug:app_name>/<slug:model_name>/", ALL_STAFF),
    (r"wagtailsettings:\w+", {A}),
    # Everyone in the admin: the dashboard, their account, the page, link and task choosers
    # (rich text in any record links to pages), tags, and reports Wagtail filters by permission.
    (r"wagtailadmin_home|admin/test404/|wagtailadmin_choose_\w+"
     r"|wagtailadmin_tag_\w*autocomplete|wagtailadmin_workflows:task_cho\w+|wagtailadmin_reports:site_history\w*"
     r"|wagtailadmin_account|wagtailadmin_dismissibles|wagtailadmin_block_preview|wagtail_localize:javascript_catalog"
     r"|wagtail_localize:translations_report\w*|admin/\^\.\*/\$", ALL_STAFF),
    # The translation queue: each app lists only what the person may change. The manual.
    (r"core_translations_waiting|core_manual\w*", ALL_STAFF),
]


# ---------------------------------------------------------------------------------------------
# Asking

OK, REFUSED, SIGN_IN, ERROR, SHADOWED, METHOD = "ok", "refused", "sign in", "error", "shadowed", "GET not allowed"
NOT_FOUND = "not found"

# What the private records hold, and who may read it: no other persona may find these words
# in any answer, whatever its status.
SECRETS = {
    "Reza Hidden": {ADMINISTRATORS, EDITORS, CAMPAIGNERS},  # a private case
    "My brother was arrested": {ADMINISTRATORS, EDITORS},  # a contact message's subject
    "sender@example.org": {ADMINISTRATORS, EDITORS},  # and its sender
    "Secret Local 12": {ADMINISTRATORS, CAMPAIGNERS},  # a pending endorsement
    "Solidarity Message to: Asian Conference": {ADMINISTRATORS, EDITORS},  # a letter
    "Issue on the hidden strike": {ADMINISTRATORS, EDITORS, CAMPAIGNERS},  # a newsletter issue
    "Witness statement of the detained driver": {ADMINISTRATORS, EDITORS},  # a private document
    "Minutes of the drivers": {ADMINISTRATORS, EDITORS, TRANSLATORS},  # a document
    "reader@example.org": {ADMINISTRATORS, CAMPAIGNERS},  # a subscriber
    "signer@union.example": {ADMINISTRATORS, CAMPAIGNERS},  # a signer
}


def outcome(response, path):
    """What a person got: the page (or its redirect), a refusal, the sign-in page, not found,
    GET not allowed, or a crash."""
    # The language middleware answers an admin 404 with a redirect to the same address under
    # a language prefix, which the public site's catch-all claims.
    if response.status_code == 404 or re.fullmatch(r"/[a-z-]+" + re.escape(path), response.get("Location", "")):
        return NOT_FOUND
    if response.status_code >= 500:
        return ERROR
    if response.status_code == 403:
        return REFUSED
    if response.status_code in (301, 302) and "/login/" in response.get("Location", ""):
        return SIGN_IN
    if response.status_code == 405:
        return METHOD
    return OK


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def walk_admin(client, records, persona, skip=()):
    """{(route, name): (path, outcome, status, secrets shown)} for every admin pattern, asked
    by `client`."""
    answers = {}
    for route, name, pattern in admin_patterns():
        if (route, name) in skip:
            continue
        path = fill(route, parameters(name, records))
        query = query_for(name, records)
        if resolve(path).func is not pattern.callback:
            # Shadowed by an earlier pattern with the same address (the project's own log-in
            # pages come before Wagtail's and Django's): nobody can reach it.
            answers[route, name] = (path, SHADOWED, None, [])
            continue
        try:
            response = client.get(path + query)
        except Exception as error:  # a crash is an answer too, and the matrix never allows it
            answers[route, name] = (path, ERROR, repr(error), [])
            continue
        body = text_of(response)
        shown = [secret for secret, readers in SECRETS.items() if persona not in readers and secret in body]
        answers[route, name] = (path, outcome(response, path), f"{response.status_code} {response.get('Location', '')}".strip(),
                                shown)
    return answers


@pytest.fixture
def records(site_tree, make_staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_records(site_tree, make_staff)


def signed_in_client(client, make_staff, persona):
    if persona == ANONYMOUS:
        return client
    user = make_staff(f"matrix-{persona.replace(' ', '-').lower()}", None if persona == NO_GROUP else persona)
    # The model backend named: the first backend in settings may only count attempts.
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def rule_for(route, name):
    """The first rule of the matrix for this address, and its index."""
    for index, (pattern, answer) in enumerate(MATRIX):
        if (name and re.fullmatch(pattern, name)) or re.fullmatch(pattern, route):
            return index, answer
    return None, None


def expected(answer, persona):
    """The outcomes `persona` may get under `answer`."""
    if answer == PUBLIC:
        return {OK}
    if answer == SIGN_IN_FOR_ALL:
        return {SIGN_IN}
    if answer == UNREACHABLE:
        return {SHADOWED}
    if answer == SIGN_IN_STEPS:
        return {OK, REFUSED, SIGN_IN, METHOD}
    if persona in (ANONYMOUS, NO_GROUP):
        return {SIGN_IN}
    # A reader may also get "not found" (a pack not drawn yet, a form page the site does
    # not have) or "GET not allowed"; what matters is that nobody else gets anything but 403.
    readers_get = {OK, METHOD, NOT_FOUND}
    if isinstance(answer, tuple):  # (NOT_FOUND_FOR_OTHERS, readers)
        return readers_get if persona in answer[1] else {NOT_FOUND, REFUSED}
    if answer == POST_ONLY:
        return {METHOD}
    return readers_get if persona in answer else {REFUSED}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_admin_address_answers_each_persona_as_the_matrix_says(client, make_staff, records, persona):
    client = signed_in_client(client, make_staff, persona)
    client.raise_request_exception = True
    answers = walk_admin(client, records, persona, skip={
        (route, name) for route, name, _pattern in admin_patterns() if rule_for(route, name)[1] == NOT_ASKED})

    wrong = []
    for (route, name), (path, got, status, shown) in answers.items():
        _index, answer = rule_for(route, name)
        if answer is None:
            wrong.append(f"{route} ({name}) is in no rule of the matrix: say who may read it")
        elif got not in expected(answer, persona):
            wrong.append(f"{path} ({name}) answered {persona}: {got} ({status}); the matrix says {answer}")
        if shown:
            wrong.append(f"{path} ({name}) showed {persona}: {shown}")
    assert not wrong, "\n".join(wrong)


def test_every_rule_of_the_matrix_names_an_address_and_every_address_has_a_rule():
    patterns = admin_patterns()
    used = {rule_for(route, name)[0] for route, name, _pattern in patterns}
    assert not [route for route, name, _pattern in patterns if rule_for(route, name)[0] is None]
    assert not [MATRIX[index][0] for index in range(len(MATRIX)) if index not in used]


# ---------------------------------------------------------------------------------------------
# The holes the matrix closed, one by one

def test_a_translator_cannot_read_private_case_names_through_the_snippet_chooser(client, make_staff, records):
    client.force_login(make_staff("translator", TRANSLATORS), backend="django.contrib.auth.backends.ModelBackend")
    case = records["cases.case"]
    for address in ("/admin/snippets/choose/cases/case/", "/admin/snippets/choose/cases/case/results/?q=Reza",
                    f"/admin/snippets/choose/cases/case/chosen/{case.pk}/",
                    f"/admin/snippets/choose/cases/case/chosen-multiple/?id={case.pk}",
                    "/admin/choose/campaigns/campaign/cases/?q=Reza"):
        response = client.get(address)
        assert response.status_code == 403
        assert "Reza Hidden" not in response.content.decode()


def test_campaigners_get_no_document_from_the_admin_api_and_translators_no_private_one(client, make_staff, records):
    client.force_login(make_staff("campaigner", CAMPAIGNERS), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/api/main/documents/").status_code == 403

    client.force_login(make_staff("translator", TRANSLATORS), backend="django.contrib.auth.backends.ModelBackend")
    listing = client.get("/admin/api/main/documents/").content.decode()
    assert "Minutes of the drivers" in listing
    assert "Witness statement" not in listing
    assert client.get(f"/admin/api/main/documents/{records['document'].pk}/").status_code == 403


def test_a_refusal_is_wagtails_words_in_the_staff_members_language(client, make_staff, records):
    client.force_login(make_staff("translator", TRANSLATORS, language="fa"),
                       backend="django.contrib.auth.backends.ModelBackend")
    for address in ("/admin/snippets/cases/case/", "/admin/newsletter/", "/admin/campaigns/dashboards/"):
        response = client.get(address)
        assert response.status_code == 403
        assert "متاسفانه مجوز لازم برای دسترسی به این بخش را ندارید." in response.content.decode()
