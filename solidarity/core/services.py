"""The staff groups and what each may do.

Administrators run the site (users, groups, settings, everything). Editors publish: every page
in every language, images, documents, redirects, tags and the records the newsroom handles
(contact messages). Campaigners run urgent actions and are the only staff besides
administrators who see signers' personal data. Translators translate: they start translations, edit drafts of any page
and publish only in the languages other than the source language (settings.LANGUAGE_CODE);
an English original stays with the editors.

The same function runs in the data migration (historical models) and after every `migrate`
(live models), so permissions of models added later (contact messages, network records)
reach the groups without another migration. It only adds; it never removes a permission an
administrator granted by hand.
"""

from django.apps import apps as global_apps
from django.conf import settings

ADMINISTRATORS = "Administrators"
EDITORS = "Editors"
TRANSLATORS = "Translators"
CAMPAIGNERS = "Campaigners"
STAFF_GROUPS = (ADMINISTRATORS, EDITORS, TRANSLATORS, CAMPAIGNERS)

ACCESS_ADMIN = "wagtailadmin.access_admin"
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

ALL_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
# Granted on the root page, so they cover both language trees.
PAGE_PERMISSIONS = {
    ADMINISTRATORS: ALL_PAGE_PERMISSIONS,
    # Deleting a page with children is left to administrators.
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    # Drafts anywhere (both directions of translation); without publish they cannot delete
    # or unpublish a live page either.
    TRANSLATORS: ["add_page", "change_page"],
}
# Granted on the root page of each language tree other than the source language.
TRANSLATED_TREE_PAGE_PERMISSIONS = {TRANSLATORS: ["publish_page", "lock_page"]}

IMAGE_AND_DOCUMENT_PERMISSIONS = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.delete_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.delete_document",
    "wagtaildocs.choose_document",
]
# Granted on the root collection.
COLLECTION_PERMISSIONS = {
    ADMINISTRATORS: IMAGE_AND_DOCUMENT_PERMISSIONS
    + ["wagtailcore.add_collection", "wagtailcore.change_collection", "wagtailcore.delete_collection"],
    EDITORS: IMAGE_AND_DOCUMENT_PERMISSIONS,
    TRANSLATORS: ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
}

# Model permissions; a model that does not exist (yet) is skipped. "*" is every permission.
EDITOR_MODELS = ["contact.contactmessage", "wagtailredirects.redirect", "taggit.tag"]
MODEL_PERMISSIONS = {
    ADMINISTRATORS: ["*"],
    EDITORS: [ACCESS_ADMIN, SUBMIT_TRANSLATION]
    + [f"{model.split('.')[0]}.{action}_{model.split('.')[1]}" for model in EDITOR_MODELS
       for action in ("add", "change", "delete", "view")],
    TRANSLATORS: [ACCESS_ADMIN, SUBMIT_TRANSLATION],
    CAMPAIGNERS: [ACCESS_ADMIN],
}


def app_model_permissions(group_name):
    """Every permission on the models an app hands to a group.

    An app declares them on its AppConfig, so new apps need no change here:
    `staff_models = {"Editors": ["network.organisation", ...]}` gives add, change, delete and
    view; `staff_permissions = {"Campaigners": ["campaigns.export_signatures"]}` gives single
    permissions."""
    names = []
    for app_config in global_apps.get_app_configs():
        for model in getattr(app_config, "staff_models", {}).get(group_name, ()):
            app_label, model_name = model.split(".")
            names += [f"{app_label}.{action}_{model_name}" for action in ("add", "change", "delete", "view")]
        names += getattr(app_config, "staff_permissions", {}).get(group_name, [])
    return names


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def grant_translated_tree_permissions(*, page, apps=global_apps):
    """Lets translators publish in the tree whose root is `page` (a home page in another language)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    if page.depth != 2 or page.locale.language_code == settings.LANGUAGE_CODE:
        return
    for group_name, names in TRANSLATED_TREE_PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for permission in _permissions(apps, [f"wagtailcore.{name}" for name in names]):
            GroupPagePermission.objects.get_or_create(group=group, page_id=page.pk, permission=permission)


def grant_group_permissions(*, apps=global_apps):
    """Creates the staff groups if needed and gives each its permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in STAFF_GROUPS}
    for name, group in groups.items():
        names = MODEL_PERMISSIONS[name]
        names = names if names == ["*"] else names + app_model_permissions(name)
        permissions = Permission.objects.all() if names == ["*"] else _permissions(apps, names)
        group.permissions.add(*permissions)

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for name, codenames in PAGE_PERMISSIONS.items():
            for permission in _permissions(apps, [f"wagtailcore.{codename}" for codename in codenames]):
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page_id=root_page.pk, permission=permission
                )
        for page in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
            grant_translated_tree_permissions(page=page, apps=apps)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, names in COLLECTION_PERMISSIONS.items():
            for permission in _permissions(apps, names):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection_id=root_collection.pk, permission=permission
                )

    # Wagtail's own "Moderators" group: drafts submitted for moderation go to the editors.
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.add(groups[EDITORS], groups[ADMINISTRATORS])
        task.groups.remove(*task.groups.filter(name="Moderators"))
    Group.objects.filter(name="Moderators", user__isnull=True).delete()
    return groups
