from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "solidarity.core"
    label = "core"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from . import signals
        from .middleware import nonce_chooser_scripts

        nonce_chooser_scripts()

        post_migrate.connect(signals.grant_permissions_after_migrate, sender=self)
        post_save.connect(signals.grant_translated_tree_on_new_home, dispatch_uid="core-translated-tree")

        from .pagecache import connect_purge_signals

        connect_purge_signals()
