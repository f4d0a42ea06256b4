from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    name = "chuan.rollout"
    label = "rollout"
    verbose_name = _("QMS roll-out")

    def ready(self) -> None:
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels
        from chuan.rollout.choices import EventKind

        register_value_labels("kind", EventKind)
        register_verb_labels(
            {
                "qms_event.recorded": _("Recorded a QMS event"),
                "qms_event.withdrawn": _("Withdrew a QMS event"),
                "qms_events.imported": _("Imported QMS statuses"),
                "target.created": _("Set a target"),
            }
        )
