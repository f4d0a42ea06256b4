from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "chuan.organisations"
    label = "organisations"
    verbose_name = _("Units and agencies")

    def ready(self) -> None:
        from chuan.core.templatetags.chuan import register_value_labels, register_verb_labels
        from chuan.organisations.choices import AgencyKind, UnitLevel

        register_value_labels("kind", AgencyKind)
        register_value_labels("level", UnitLevel)
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
