from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "chuan.procedures"
    label = "procedures"
    verbose_name = _("Administrative procedures")

    def ready(self) -> None:
        from chuan.core.templatetags.chuan import register_verb_labels

        register_verb_labels(
            {
                "procedure.created": _("Added a procedure to the catalogue"),
                "procedure.revised": _("Made a new version of a procedure"),
                "catalogue.imported": _("Imported the procedure catalogue"),
                "process.drafted": _("Drafted an internal process"),
                "process.changed": _("Changed a draft internal process"),
                "process.approved": _("Approved an internal process"),
                "form_set.created": _("Recorded a new form set of the desk"),
            }
        )
