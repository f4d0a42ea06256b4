from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "chuan.feedback"
    label = "feedback"
    verbose_name = _("Citizens' feedback")

    def ready(self) -> None:
        from chuan.dossiers.extensions import provide_lookup_panel, provide_worklist_items
        from chuan.feedback.services import register_activity_labels
        from chuan.feedback.views.public import lookup_panel
        from chuan.feedback.worklist import feedback_work

        register_activity_labels()
        provide_worklist_items(feedback_work)
        provide_lookup_panel(lookup_panel)
