from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "solidarity.core"
    label = "core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate, post_save, pre_save

        from . import signals
        from .login import give_back_on_sign_in
        from .middleware import nonce_chooser_scripts
        from .onion import exempt_onion_from_https_redirect
        from .richtext import clean_rich_text_before_save

        nonce_chooser_scripts()
        exempt_onion_from_https_redirect()

        post_migrate.connect(signals.grant_permissions_after_migrate, sender=self)
        post_save.connect(signals.grant_translated_tree_on_new_home, dispatch_uid="core-translated-tree")
        pre_save.connect(clean_rich_text_before_save, dispatch_uid="core-clean-rich-text")
        user_logged_in.connect(give_back_on_sign_in, dispatch_uid="core-login-give-back")

        from .pagecache import connect_purge_signals

        connect_purge_signals()
