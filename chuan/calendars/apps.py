from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "chuan.calendars"
    label = "calendars"
    verbose_name = _("Working calendar")

    def ready(self) -> None:
        from chuan.calendars.choices import DayKind
        from chuan.core.activity_format import register_field_labels
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels

        register_value_labels("kind", DayKind, entity="calendar_day")
        register_field_labels({"date": _("Date"), "kind": _("Kind of day")}, entity="calendar_day")
        register_field_labels(
            {
                "morning_start": _("Morning opens"),
                "morning_end": _("Morning closes"),
                "afternoon_start": _("Afternoon opens"),
                "afternoon_end": _("Afternoon closes"),
                "same_day_cutoff": _("Same-day cut-off"),
            },
            entity="office_hours",
        )
        register_verb_labels(
            {
                "calendar_day.created": _("Added a day to the working calendar"),
                "calendar_day.changed": _("Changed a day of the working calendar"),
                "calendar_day.deleted": _("Removed a day from the working calendar"),
                "office_hours.changed": _("Changed office hours"),
            }
        )
