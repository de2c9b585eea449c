"""Baking again after a change, from the worker: one task queued for however many changes."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

QUEUED_KEY = "mirrors:rebake-queued"
# A queued bake that never ran (a worker that died) stops holding back new ones after this.
QUEUED_SECONDS = 15 * 60


def request_rebake():
    """Queue a re-bake of MIRROR_BAKE_DIR once the change commits, unless one is queued
    already and has not started (it will see this change too). Off when the setting is empty."""
    if not settings.MIRROR_BAKE_DIR:
        return
    transaction.on_commit(_enqueue)


def _enqueue():
    from ..tasks import rebake_mirror

    if cache.add(QUEUED_KEY, 1, QUEUED_SECONDS):
        rebake_mirror.enqueue()


def rebake():
    """The task's work: let the next change queue a bake of its own, then bake."""
    from .baking import bake_site

    cache.delete(QUEUED_KEY)
    if not settings.MIRROR_BAKE_DIR:
        return None
    return bake_site(folder=settings.MIRROR_BAKE_DIR)
