from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "chuan.documents"
    label = "documents"
    verbose_name = _("Document control")

    def ready(self) -> None:
        from chuan.core.activity_format import register_field_labels
        from chuan.core.templatetags.chuan import register_verb_labels
        from chuan.documents import reminders
        from chuan.documents.services import reviews_answer, reviews_open
        from chuan.legal.hooks import on_law_change
        from chuan.procedures.hooks import on_replaced

        register_field_labels({"code": _("Document code")}, entity="document")
        register_field_labels(
            {
                "effective_date": _("Effective from"),
                "reviews_closed": _("Reviews closed"),
                "comments": _("Comments"),
                "reviewer": _("Reviewer"),
                "recipients": _("Distributed to"),
            },
            entity="revision",
        )
        register_field_labels(
            {
                "legal_document": _("Legal document"),
                "count": _("Reviews opened"),
                "reviews_closed": _("Reviews closed"),
            },
            entity="reviews",
        )
        register_field_labels({"decision": _("Decision")}, entity="review")
        on_law_change(reviews_open)
        on_replaced(reviews_answer)
        reminders.register()
        register_verb_labels(
            {
                "document.created": _("Registered a controlled document"),
                "revision.drafted": _("Drafted a revision"),
                "revision.file_replaced": _("Replaced a draft's file"),
                "revision.submitted": _("Sent a revision for review"),
                "revision.signed_off": _("Signed a review off"),
                "revision.sent_back": _("Sent a revision back"),
                "revision.approved": _("Approved a revision"),
                "revision.withdrawn": _("Withdrew a revision"),
                "revision.distributed": _("Distributed a revision"),
                "revision.acknowledged": _("Acknowledged a revision"),
                "reviews.opened": _("Opened reviews after a change of the law"),
                "review.closed": _("Closed a review: no change needed"),
                "reviews.answered": _("Closed reviews with a new version"),
            }
        )
