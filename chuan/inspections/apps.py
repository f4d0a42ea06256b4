from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The concerns of DOST's year, each with its own models, services, selectors, views and API
# module of that name: who inspects and the yearly plan; records-based inspections (the
# agency's report on Article 36); on-site inspections (decision, team, results, minutes,
# follow-up); the November and December reports and DOST's dashboard; guidance letters and
# questions. Each services module labels its activity in `register_activity_labels()`.
AREAS = ("plans", "records", "onsite", "followup", "reports", "guidance")


class InspectionsConfig(AppConfig):
    name = "chuan.inspections"
    label = "inspections"
    verbose_name = _("DOST inspections")

    def ready(self) -> None:
        for area in AREAS:
            module = import_module(f"chuan.inspections.services.{area}")
            # Each concern labels its activity and may register reminders
            # (chuan.notifications.registry) in functions of these names.
            for hook in ("register_activity_labels", "register_reminders"):
                if hasattr(module, hook):
                    getattr(module, hook)()
