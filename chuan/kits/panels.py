"""What the kit adds to the roll-out's screens (registered in `KitsConfig.ready`; the roll-out
cannot import the kit): on an agency's QMS page, the model set and editions it runs on; on
the DOST dashboard, how far the province's agencies adopted each set and each revision."""

import datetime
from typing import Any

from django.db.models import Count, Max

from chuan.kits import permissions, selectors
from chuan.kits import selectors_screens as screens
from chuan.kits.choices import AdoptionState, EditionState, RequestStatus
from chuan.kits.models import ModelEdition, ModelSet, UpdateRequest
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import province_family_ids
from chuan.rollout.panels import Panel

# Revisions shown on the dashboard: the newest few, whose propagation DOST follows.
REVISIONS_SHOWN = 4


def agency_panel(agency: Agency, user: Any, today: datetime.date) -> Panel | None:
    """The model sets the agency adopted, the edition of each model it runs on, its state
    and the updates waiting on it; nothing when it adopted none."""
    if not permissions.may_read_kits(user):
        return None
    runs = selectors.runs_on([agency.pk]).get(agency.pk)
    if not runs:
        return None
    waiting = UpdateRequest.objects.filter(agency=agency, status=RequestStatus.OPEN).count()
    return Panel(
        "kits/_rollout_agency_panel.html",
        {
            "agency": agency,
            "runs": [
                {
                    "run": run,
                    "badge": screens.badge(run.state),
                    "label": screens.state_label(run.state),
                }
                for run in runs
            ],
            "waiting": waiting,
        },
    )


def dashboard_panel(province: AdministrativeUnit, user: Any, on: datetime.date) -> Panel | None:
    """For each model set of the province: how many agencies adopted it and where they
    stand, and how far the newest revisions have been adopted."""
    if not permissions.may_read_kits(user):
        return None
    sets = list(
        ModelSet.objects.filter(province_id__in=province_family_ids(province.pk)).order_by("code")
    )
    if not sets:
        return None
    cards = []
    for model_set in sets:
        table = selectors.adoption_table(model_set, on=on)
        cards.append(
            {
                "set": model_set,
                "counts": [
                    (value, label, table.counts.get(value, 0), screens.badge(value))
                    for value, label in AdoptionState.choices
                ],
                "adopted": sum(
                    table.counts.get(value, 0)
                    for value in AdoptionState.values
                    if value != AdoptionState.NOT_ADOPTED
                ),
                "approved": table.counts.get("approved", 0),
                "revisions": _revisions(model_set),
                "sees_table": screens.sees_table(user, model_set),
            }
        )
    return Panel("kits/_rollout_dashboard_panel.html", {"cards": cards})


def _revisions(model_set: ModelSet) -> list[dict[str, Any]]:
    """The newest revised editions of the set's models with their requests by status."""
    newest = (
        ModelEdition.objects.filter(
            item__model_set=model_set, state=EditionState.APPROVED, number__gt=1
        )
        .values("item_id")
        .annotate(n=Max("number"))
    )
    editions = list(
        ModelEdition.objects.filter(
            item__model_set=model_set, state=EditionState.APPROVED, number__gt=1
        )
        .select_related("item")
        .order_by("-approved_on", "-pk")
    )
    wanted = {(row["item_id"], row["n"]) for row in newest}
    editions = [e for e in editions if (e.item_id, e.number) in wanted][:REVISIONS_SHOWN]
    counts: dict[int, dict[str, int]] = {}
    for edition_id, status, n in (
        UpdateRequest.objects.filter(edition__in=editions)
        .values_list("edition_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(edition_id, {})[status] = n
    lines = []
    for edition in editions:
        by_status = counts.get(edition.pk, {})
        total = sum(by_status.values()) - by_status.get(RequestStatus.SUPERSEDED, 0)
        adopted = by_status.get(RequestStatus.ADOPTED, 0)
        lines.append(
            {
                "edition": edition,
                "adopted": adopted,
                "open": by_status.get(RequestStatus.OPEN, 0),
                "kept": by_status.get(RequestStatus.KEPT, 0),
                "total": total,
                "percent": round(100 * adopted / total) if total else 0,
            }
        )
    return lines
