from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "chuan.legal"
    label = "legal"
    verbose_name = _("Legal library")

    def ready(self) -> None:
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels
        from chuan.legal.choices import DocumentKind, DocumentStatus, RelationKind

        register_value_labels("kind", RelationKind)
        register_value_labels("kind", DocumentKind)
        register_value_labels("status", DocumentStatus)
        register_value_labels("target_status", DocumentStatus)
        register_verb_labels(
            {
                "legal_document.created": _("Recorded a legal document"),
                "legal_document.changed": _("Changed a legal document"),
                "legal_relation.added": _("Linked legal documents"),
                "legal_relation.removed": _("Unlinked legal documents"),
            }
        )
