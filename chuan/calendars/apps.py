from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "chuan.calendars"
    label = "calendars"
    verbose_name = _("Working calendar")

    def ready(self) -> None:
        from chuan.calendars.choices import DayKind
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels

        register_value_labels("kind", DayKind)
        register_verb_labels(
            {
                "calendar_day.created": _("Added a day to the working calendar"),
                "calendar_day.changed": _("Changed a day of the working calendar"),
                "calendar_day.deleted": _("Removed a day from the working calendar"),
                "office_hours.changed": _("Changed office hours"),
            }
        )
