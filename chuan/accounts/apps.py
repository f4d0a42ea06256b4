from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "chuan.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from chuan.accounts.roles import sync_role_groups_after_migrate

        # Permissions only exist after migrate has created them, so the role groups are
        # brought in line at that point, idempotently.
        post_migrate.connect(sync_role_groups_after_migrate, dispatch_uid="chuan_sync_roles")

        from chuan.accounts.identity import connect_signals

        connect_signals()

        from chuan.accounts.roles import Role
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels

        register_value_labels("roles", Role, entity="user")
        register_verb_labels(
            {
                "user.created": _("Created account"),
                "user.deactivated": _("Deactivated account"),
                "user.reactivated": _("Reactivated account"),
                "user.sessions_ended": _("Ended all sessions"),
                "user.language_changed": _("Changed language"),
                "user.mfa_enabled": _("Turned two-step sign-in on"),
                "user.mfa_disabled": _("Turned two-step sign-in off"),
            }
        )
        register_value_labels("language", {"vi": "Tiếng Việt", "en": "English"}, entity="user")
