from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    name = "chuan.rollout"
    label = "rollout"
    verbose_name = _("QMS roll-out")

    def ready(self) -> None:
        from chuan.core.activity_format import register_field_labels
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels
        from chuan.rollout.choices import CoverageLevel, EventKind

        register_value_labels("kind", EventKind, entities=["qms_event", "qms_events"])
        register_value_labels("level", CoverageLevel, entity="target")
        register_field_labels({"kind": _("Event"), "occurred_on": _("Date")}, entity="qms_event")
        register_field_labels(
            {
                "level": _("Level"),
                "percent": _("Percentage of agencies"),
                "deadline": _("Deadline"),
            },
            entity="target",
        )
        register_verb_labels(
            {
                "qms_event.recorded": _("Recorded a QMS event"),
                "qms_event.withdrawn": _("Withdrew a QMS event"),
                "qms_events.imported": _("Imported QMS statuses"),
                "target.created": _("Set a target"),
            }
        )
