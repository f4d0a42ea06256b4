import re
from decimal import Decimal

from django.apps import AppConfig
from django.utils import formats
from django.utils.translation import gettext_lazy as _

_AMOUNT = re.compile(r"(\d+(?:\.\d+)?) ([a-z_]+)")


def _amount_in_words(value: object) -> str:
    """A time as the activity log keeps it ("20 working_days", "Bước 1 (4 working_hours)")
    with the unit in words."""
    from chuan.procedures.choices import StepUnit, TimeUnit

    units = dict(TimeUnit.choices) | dict(StepUnit.choices)

    def words(match: re.Match[str]) -> str:
        # "1.50" is written the Vietnamese way, "1,5", and "1.00" as "1".
        number = match.group(1).rstrip("0").rstrip(".") if "." in match.group(1) else match.group(1)
        return (
            f"{formats.number_format(Decimal(number))} {units.get(match.group(2), match.group(2))}"
        )

    return _AMOUNT.sub(words, str(value))


class ProceduresConfig(AppConfig):
    name = "chuan.procedures"
    label = "procedures"
    verbose_name = _("Administrative procedures")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from chuan.procedures.models import InternalProcess, ProcessStep
        from chuan.procedures.selectors import process_cache_clear

        for model in (InternalProcess, ProcessStep):
            name = model.__name__
            post_save.connect(process_cache_clear, sender=model, dispatch_uid=f"chuan_{name}_s")
            post_delete.connect(process_cache_clear, sender=model, dispatch_uid=f"chuan_{name}_d")

        from chuan.core.activity_format import register_field_labels, register_value_labels
        from chuan.core.templatetags.chuan import register_verb_labels

        register_field_labels(
            {"version": _("Version"), "time": _("Statutory time"), "code": _("Procedure code")},
            entity="procedure",
        )
        register_value_labels("time", _amount_in_words, entity="procedure")
        register_value_labels("steps", _amount_in_words, entity="process")
        register_field_labels(
            {"procedure": _("Procedure"), "steps": _("Steps"), "valid_from": _("Applies from")},
            entity="process",
        )
        register_field_labels(
            {"new": _("New procedures"), "versions": _("New versions")}, entity="catalogue"
        )
        register_field_labels(
            {
                "legal_document": _("Legal basis"),
                "valid_from": _("Applies from"),
                "replaces": _("Replaces"),
                "forms": _("Forms"),
            },
            entity="form_set",
        )
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
