from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "chuan.portal"
    label = "portal"
    verbose_name = _("National portal link")

    def ready(self) -> None:
        from chuan.core.activity_format import (
            register_field_labels,
            register_value_labels,
            register_verb_labels,
        )
        from chuan.dossiers.hooks import on_event
        from chuan.portal.choices import SubmissionState
        from chuan.portal.services.outbox import outbox_write

        # Connected always; the listener returns at its first line when no portal is
        # configured (CHUAN_PORTAL_URL), so the desk pays nothing then.
        on_event(outbox_write)

        register_verb_labels(
            {
                "portal.sent": _("Sent the messages waiting for the national portal"),
                "portal.resent": _("Put a message for the national portal back in the outbox"),
                "portal.resynced": _("Sent a dossier to the national portal again"),
                "submission.arrived": _("An online submission arrived from the portal"),
                "submission.revised": _("A completed online submission arrived again"),
                "submission.malformed": _("Kept a malformed delivery from the portal"),
                "submission.received": _("Received an online submission"),
                "submission.completion": _("Asked for an online submission's completion"),
                "submission.refused": _("Refused an online submission"),
            }
        )
        register_field_labels(
            {
                "sent": _("Sent"),
                "retried": _("To try again"),
                "failed": _("Not delivered"),
                "message_id": _("Message id"),
                "code": _("Dossier code"),
                "status": _("Portal status"),
            },
            entity="portal",
        )
        register_field_labels(
            {
                "portal_code": _("Portal's dossier code"),
                "dossier": _("Dossier"),
                "problems": _("Problems"),
                "state": _("State"),
            },
            entity="submission",
        )
        register_value_labels("state", dict(SubmissionState.choices).get, entity="submission")
