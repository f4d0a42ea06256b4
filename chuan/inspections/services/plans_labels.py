"""Labels of the activity the plans area records (who inspects, the plan, its amendments)."""

from django.utils.translation import gettext_lazy

from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.inspections.choices import InspectionForm, PlanState
from chuan.inspections.models.plans import InspectingUnitKind


def register() -> None:
    register_verb_labels(
        {
            "inspection_plan.proposed": gettext_lazy("Proposed the inspection plan's lines"),
            "inspection_plan.line_updated": gettext_lazy("Edited a line of the inspection plan"),
            "inspection_plan.line_added": gettext_lazy("Added an agency to the inspection plan"),
            "inspection_plan.line_removed": gettext_lazy("Took an agency off the inspection plan"),
            "inspection_plan.submitted": gettext_lazy("Submitted the inspection plan"),
            "inspection_plan.returned": gettext_lazy("Returned the inspection plan to draft"),
            "inspection_plan.approved": gettext_lazy("Recorded the inspection plan's approval"),
            "inspection_plan.amended": gettext_lazy("Amended the approved inspection plan"),
            "inspecting_arrangement.created": gettext_lazy("Recorded who inspects"),
            "inspecting_arrangement.ended": gettext_lazy("Ended an inspecting arrangement"),
        }
    )
    register_field_labels(
        {
            "year": gettext_lazy("Year"),
            "agencies": gettext_lazy("Agencies"),
            "on_site": gettext_lazy("On site"),
            "as_of": gettext_lazy("Signs read on"),
            "agency": gettext_lazy("Agency"),
            "form": gettext_lazy("Form of inspection"),
            "inspecting_unit": gettext_lazy("Inspecting unit"),
            "coordinating_unit": gettext_lazy("Coordinating unit"),
            "planned_month": gettext_lazy("Month"),
            "planned_quarter": gettext_lazy("Quarter"),
            "budget": gettext_lazy("Budget (VND)"),
            "note": gettext_lazy("Note"),
            "state": gettext_lazy("State"),
            "decision_number": gettext_lazy("Decision number"),
            "decision_date": gettext_lazy("Decision date"),
            "decision_signer": gettext_lazy("Signed by"),
            "inspections": gettext_lazy("Inspections opened"),
            "amended_on": gettext_lazy("Amended on"),
            "reason": gettext_lazy("Reason"),
            "added": gettext_lazy("Agency added"),
            "removed": gettext_lazy("Agency removed"),
        },
        entity="inspection_plan",
    )
    register_value_labels("form", InspectionForm, entity="inspection_plan")
    register_value_labels("state", PlanState, entity="inspection_plan")
    register_field_labels(
        {
            "valid_from": gettext_lazy("Valid from"),
            "valid_to": gettext_lazy("Valid to"),
            "lead_unit": gettext_lazy("Lead unit"),
            "unit_kind": gettext_lazy("Kind of inspecting unit"),
            "unit_name": gettext_lazy("Inspecting unit"),
        },
        entity="inspecting_arrangement",
    )
    register_value_labels("unit_kind", InspectingUnitKind, entity="inspecting_arrangement")
