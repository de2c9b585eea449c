"""Keeps the staff groups' permissions whole as models and language trees are added."""

from django.contrib.auth.management import create_permissions


def grant_permissions_after_migrate(sender, *, using, apps=None, **kwargs):  # flush sends no apps
    from django.apps import apps as global_apps

    from .services import grant_group_permissions

    # Django creates model permissions app by app after this app's turn; create them all now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=global_apps)
    grant_group_permissions()


def grant_translated_tree_on_new_home(sender, *, instance, created, raw, **kwargs):
    from wagtail.models import Page

    from .services import grant_translated_tree_permissions

    # A new home page in another language (wagtail-localize or copy_for_translation makes it).
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        grant_translated_tree_permissions(page=instance)
