from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The concerns of training, each a services module labelling its own activity.
AREAS = ("courses", "registrations", "certificates")


class TrainingConfig(AppConfig):
    name = "chuan.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from chuan.training.reminders import register_reminders

        for area in AREAS:
            import_module(f"chuan.training.services.{area}").register_activity_labels()
        register_reminders()
