from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "chuan.legal"
    label = "legal"
    verbose_name = _("Legal library")

    def ready(self) -> None:
        from chuan.core.activity_format import register_field_labels
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels
        from chuan.legal.choices import DocumentKind, DocumentStatus, RelationKind

        register_value_labels("kind", RelationKind, entity="legal_relation")
        register_value_labels("kind", DocumentKind, entity="legal_document")
        register_value_labels("status", DocumentStatus, entity="legal_document")
        register_value_labels("target_status", DocumentStatus, entity="legal_relation")
        register_field_labels(
            {
                "symbol": _("Symbol"),
                "kind": _("Kind of document"),
                "issuer": _("Issuing body"),
                "signer": _("Signed by"),
                "issue_date": _("Issued on"),
                "effective_date": _("In force from"),
                "end_date": _("In force until"),
                "summary": _("Abstract"),
                "title": _("Document title"),
                "file": _("File"),
            },
            entity="legal_document",
        )
        register_field_labels(
            {
                "source": _("Document"),
                "kind": _("Relation"),
                "target": _("Related document"),
                "target_status": _("Status of the related document"),
            },
            entity="legal_relation",
        )
        register_verb_labels(
            {
                "legal_document.created": _("Recorded a legal document"),
                "legal_document.changed": _("Changed a legal document"),
                "legal_relation.added": _("Linked legal documents"),
                "legal_relation.removed": _("Unlinked legal documents"),
            }
        )
