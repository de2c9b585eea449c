"""The staff admin's permission rules that hold for every app (see core/permissions.py)."""

from wagtail import hooks

from . import permissions

permissions.install()


# After Wagtail's own images and documents hooks, so these endpoints replace theirs.
@hooks.register("construct_admin_api", order=100)
def construct_admin_api(router):
    permissions.construct_admin_api(router)


# Before wagtail-localize's own hook, so these addresses answer in place of its snippet API.
@hooks.register("register_admin_urls", order=-1)
def register_localize_snippets_api():
    return permissions.localize_snippets_api_urls()
