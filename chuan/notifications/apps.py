from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "chuan.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from chuan.core.activity_format import (
            register_field_labels,
            register_value_labels,
            register_verb_labels,
        )
        from chuan.notifications.context_processors import count_at_sign_in
        from chuan.notifications.registry import kind_label

        user_logged_in.connect(count_at_sign_in, dispatch_uid="notifications.count_at_sign_in")

        register_verb_labels(
            {
                "digest.built": _("Built the day's reminder digest"),
                "outbox.sent": _("Sent the outbox's e-mails"),
                "sms_outbox.sent": _("Sent the outbox's SMS to citizens"),
                "mail.retried": _("Put an unsent e-mail back in the outbox"),
                "notification.read": _("Read a notification"),
                "notifications.read_all": _("Marked all notifications read"),
                "preference.changed": _("Changed which reminders they receive"),
            }
        )
        register_field_labels(
            {"day": _("Day"), "reminders": _("Reminders"), "mails": _("E-mails written")},
            entity="digest",
        )
        register_field_labels(
            {"sent": _("Sent"), "retried": _("To try again"), "failed": _("Not sent")},
            entity="outbox",
        )
        register_field_labels(
            {"sent": _("Sent"), "retried": _("To try again"), "failed": _("Not sent")},
            entity="sms_outbox",
        )
        register_field_labels({"count": _("Notifications")}, entity="notifications")
        register_field_labels(
            {"kind": _("Kind of reminder"), "enabled": _("Receive it")}, entity="preference"
        )
        register_value_labels("kind", kind_label, entity="preference")
