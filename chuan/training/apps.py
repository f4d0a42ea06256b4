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
        from chuan.improvement.selectors.audits import QUALIFICATION_SOURCES
        from chuan.training.reminders import register_reminders
        from chuan.training.selectors import qualified_user_ids

        for area in AREAS:
            import_module(f"chuan.training.services.{area}").register_activity_labels()
        register_reminders()
        # A certificate of an internal-auditor or auditor course qualifies its holder for
        # the agency's audit teams (improvement sits below training and cannot ask it).
        if qualified_user_ids not in QUALIFICATION_SOURCES:
            QUALIFICATION_SOURCES.append(qualified_user_ids)
