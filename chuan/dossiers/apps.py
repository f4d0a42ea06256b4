from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "chuan.dossiers"
    label = "dossiers"
    verbose_name = _("One-stop desk")

    def ready(self) -> None:
        from chuan.core.activity_format import register_field_labels, register_value_labels
        from chuan.core.templatetags.chuan import register_verb_labels
        from chuan.dossiers import choices, hooks
        from chuan.dossiers.notices import notify_citizen

        hooks.on_event(notify_citizen)

        register_field_labels(
            {
                "code": _("Dossier code"),
                "status": _("Status"),
                "due_at": _("Result due"),
                "result": _("Result"),
                "timeliness": _("Timeliness"),
                "method": _("Returned"),
                "step": _("Step"),
                "to_user": _("Assigned to"),
                "kind": _("Kind"),
                "reason": _("Reason"),
                "satisfaction": _("Satisfaction"),
                "paper": _("Paper"),
                "origin": _("File is"),
            },
            entity="dossier",
        )
        for field, labels in {
            "status": choices.Status,
            "result": choices.Result,
            "timeliness": choices.Timeliness,
            "method": choices.ReturnMethod,
            "kind": choices.NotReceivedKind,
            "satisfaction": choices.Satisfaction,
            "origin": choices.FileOrigin,
        }.items():
            register_value_labels(field, labels, entity="dossier")
        register_verb_labels(
            {
                "dossier.received": _("Received a dossier"),
                "dossier.not_received": _("Did not receive a dossier"),
                "dossier.handed_over": _("Handed over a dossier"),
                "dossier.accepted": _("Accepted a dossier handed over"),
                "dossier.assigned": _("Assigned a dossier"),
                "dossier.supplement_requested": _("Requested a supplement"),
                "dossier.supplemented": _("Recorded a supplement"),
                "dossier.payment_requested": _("Requested a financial obligation"),
                "dossier.payment_made": _("Recorded a financial obligation fulfilled"),
                "dossier.extended": _("Extended a dossier"),
                "dossier.finished": _("Finished a dossier"),
                "dossier.returned": _("Returned a result"),
                "dossier.withdrawn": _("Recorded a withdrawal"),
                "dossier.stopped": _("Stopped a dossier"),
                "dossier.rated": _("Rated a dossier (citizen)"),
                "dossier.component_digitised": _("Digitised a paper received"),
                "dossier.result_file_attached": _("Attached the result's file"),
            }
        )
