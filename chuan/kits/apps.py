from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KitsConfig(AppConfig):
    name = "chuan.kits"
    label = "kits"
    verbose_name = _("QMS kits")

    def ready(self) -> None:
        from chuan.documents import hooks as documents_hooks
        from chuan.kits import panels
        from chuan.kits.services import issued
        from chuan.kits.services.reviews import model_reviews_open
        from chuan.legal.hooks import on_law_change
        from chuan.procedures import hooks as procedures_hooks
        from chuan.rollout.panels import provide_agency_panel, provide_dashboard_panel

        on_law_change(model_reviews_open)
        provide_agency_panel(panels.agency_panel)
        provide_dashboard_panel(panels.dashboard_panel)
        documents_hooks.on_approved(issued.on_revision_approved)
        procedures_hooks.on_approved(issued.on_process_approved)
        register_activity_labels()


def register_activity_labels() -> None:
    """The words the activity log shows for the kit's entries."""
    from chuan.core.activity_format import register_field_labels, register_value_labels
    from chuan.core.templatetags.chuan import register_verb_labels
    from chuan.kits.choices import ItemKind, SetScope

    register_value_labels("scope", SetScope, entity="model_set")
    register_value_labels("kind", ItemKind, entity="model_item")
    register_verb_labels(
        {
            "model_set.created": _("Opened a model set"),
            "model_item.created": _("Added a model to a set"),
            "model_edition.drafted": _("Drafted a model edition"),
            "model_edition.changed": _("Changed a model edition's draft"),
            "model_edition.withdrawn": _("Withdrew a model edition's draft"),
            "model_edition.approved": _("Approved a model edition"),
            "model_edition.propagated": _("Sent a model edition to the adopting agencies"),
            "model_set.adopted": _("Adopted models of the province's set"),
            "adopted_item.adapted": _("Adapted an adopted model"),
            "update_request.adopted": _("Adopted a new model edition"),
            "update_request.kept": _("Kept the agency's own edition"),
            "model_reviews.opened": _("Opened model reviews after a change of the law"),
            "model_review.closed": _("Closed a model review: no change needed"),
        }
    )
    common = {"code": _("Code"), "edition": _("Edition")}
    register_field_labels({**common, "name": _("Name"), "scope": _("Made for")}, entity="model_set")
    register_field_labels({**common, "title": _("Title"), "kind": _("Kind")}, entity="model_item")
    register_field_labels(
        {
            **common,
            "approved_on": _("Approved on"),
            "reviews_closed": _("Reviews closed"),
            "requests": _("Requests opened"),
            "superseded": _("Requests superseded"),
            "with_conflicts": _("Drafts with conflicts"),
            "reason": _("Reason"),
        },
        entity="model_edition",
    )
    register_field_labels(
        {"model_set": _("Model set"), "items": _("Models adopted")}, entity="model_set"
    )
    register_field_labels({**common, "adapted": _("Differs from the model")}, entity="adopted_item")
    register_field_labels(
        {
            **common,
            "conflicts": _("Conflicts"),
            "kept_ours": _("Conflicts settled with the agency's text"),
            "took_model": _("Conflicts settled with the model's text"),
            "decision": _("Decision"),
        },
        entity="update_request",
    )
    register_field_labels(
        {
            "legal_document": _("Legal document"),
            "reason": _("What changed"),
            "count": _("Reviews opened"),
        },
        entity="model_reviews",
    )
    register_field_labels({"decision": _("Decision")}, entity="model_review")
