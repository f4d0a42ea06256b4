from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The concerns of the improvement cycle, each with its own models, services, selectors, views
# and API module of that name. Each services module labels the activity it records in its
# `register_activity_labels()`.
AREAS = ("nonconformities", "objectives", "risks", "audits", "triage", "reviews")


class ImprovementConfig(AppConfig):
    name = "chuan.improvement"
    label = "improvement"
    verbose_name = _("QMS improvement cycle")

    def ready(self) -> None:
        from chuan.improvement import reminders
        from chuan.improvement.panels import cycle_panel
        from chuan.rollout.panels import provide_agency_panel

        provide_agency_panel(cycle_panel)
        reminders.register()
        for area in AREAS:
            import_module(f"chuan.improvement.services.{area}").register_activity_labels()
