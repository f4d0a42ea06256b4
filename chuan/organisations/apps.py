from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "chuan.organisations"
    label = "organisations"
    verbose_name = _("Units and agencies")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from chuan.organisations.models import UnitLineage
        from chuan.organisations.scoping import lineage_changed

        post_save.connect(lineage_changed, sender=UnitLineage, dispatch_uid="chuan_lineage_s")
        post_delete.connect(lineage_changed, sender=UnitLineage, dispatch_uid="chuan_lineage_d")

        from chuan.core.activity_format import register_field_labels
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels
        from chuan.organisations.choices import AgencyKind, UnitLevel, UnitSet

        register_value_labels("kind", AgencyKind, entity="agency")
        register_value_labels("level", UnitLevel, entity="agency")
        register_field_labels({"code": _("Electronic agency code")}, entity="agency")
        register_field_labels({"created": _("Agencies created")}, entity="agencies")
        register_field_labels(
            {
                "units": _("Administrative units"),
                "provinces": _("Provinces"),
                "lineage": _("Lineage"),
                "waiting": _("Waiting for their units"),
                **dict(UnitSet.choices),
            },
            entity="units",
        )
        register_verb_labels(
            {
                "agency.created": _("Created agency"),
                "agency.updated": _("Edited agency"),
                "agencies.imported": _("Imported agencies"),
                "department.created": _("Added department"),
                "membership.created": _("Added member"),
                "membership.reactivated": _("Re-added member"),
                "membership.activated": _("Switched current agency"),
                "units.imported": _("Imported administrative units"),
            }
        )
