"""Writes of on-site inspections, part two (TT 26/2014/TT-BKHCN Art. 37.2): the team's
result for each Article 36 item, the requests for correction it drafts, the minutes (Mẫu 21
BBKT) and their signing by the team head and the agency, which concludes the inspection.

Only the team of the decision covering the inspection (and DOST's coordinators of the
province) write here — checked in each service, not only on the screen — and only while the
minutes can still be signed (`inspection_states`: "sign_minutes")."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.inspections import article36, inspection_states
from chuan.inspections.choices import Conclusion, InspectionState, ItemResult, RequestState
from chuan.inspections.models import (
    CorrectionRequest,
    Inspection,
    InspectionMinutes,
    ItemAnswer,
    SiteObservation,
)
from chuan.inspections.onsite_permissions import can_record
from chuan.inspections.services.followup import inspection_concluded

MAX_REPRESENTATIVES = 20


def _may_record(inspection: Inspection, actor: Any) -> None:
    if not can_record(actor, inspection):
        raise ForbiddenError(
            _("Only the inspection team and DOST's coordinators of the province may do this.")
        )


def _locked_open(inspection: Inspection) -> Inspection:
    """The inspection, locked, refused (409) unless its results can still change."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not inspection_states.can("sign_minutes", locked.state, locked.form):
        raise ConflictError(
            _("Not possible while the inspection is “%(state)s”.")
            % {"state": InspectionState(locked.state).label}
        )
    return locked


def result_record(
    *,
    inspection: Inspection,
    code: str,
    result: str,
    evidence_seen: str = "",
    finding: str = "",
    actor: Any,
) -> ItemAnswer:
    """The team's result on one Article 36 item: met, not met or not applicable, with the
    evidence seen (records, interviews, observation) and notes."""
    _may_record(inspection, actor)
    errors: dict[str, str] = {}
    if code not in article36.CODES:
        errors["code"] = _("Choose an item of Article 36.")
    if result not in ItemResult.values:
        errors["result"] = _("Choose met, not met or not applicable.")
    if result == ItemResult.NOT_MET and not finding.strip():
        errors["finding"] = _("Say what is not met.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_open(inspection)
        answer, _created = ItemAnswer.objects.get_or_create(inspection=locked, code=code)
        answer.result = result
        answer.finding = finding.strip()[:20_000]
        answer.result_by = actor
        answer.save(update_fields=["result", "finding", "result_by", "updated_at"])
        SiteObservation.objects.update_or_create(
            answer=answer, defaults={"evidence_seen": evidence_seen.strip()[:20_000]}
        )
        activity_record(
            actor=actor,
            verb="inspection.result_recorded",
            target=locked,
            agency_id=locked.agency_id,
            changes={"item": code, "result": result, "finding": answer.finding[:200]},
        )
    return answer


def request_draft(*, inspection: Inspection, code: str, text: str, actor: Any) -> CorrectionRequest:
    """A request for correction to write in the minutes; issued when they are signed."""
    _may_record(inspection, actor)
    errors: dict[str, str] = {}
    if code and code not in article36.CODES:
        errors["code"] = _("Choose an item of Article 36.")
    if not text.strip():
        errors["text"] = _("Write what the agency must correct.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_open(inspection)
        request = CorrectionRequest.objects.create(
            inspection=locked, code=code, text=text.strip()[:5000], state=RequestState.DRAFT
        )
        activity_record(
            actor=actor,
            verb="inspection.request_drafted",
            target=locked,
            agency_id=locked.agency_id,
            changes={"item": code, "request": request.text[:200]},
        )
    return request


def request_remove(*, request: CorrectionRequest, actor: Any) -> None:
    """Take a drafted request out of the minutes before they are signed."""
    inspection = request.inspection
    _may_record(inspection, actor)
    with transaction.atomic():
        locked = _locked_open(inspection)
        if request.state != RequestState.DRAFT:
            raise ConflictError(_("Only a drafted request can be removed."))
        text = request.text
        request.delete()
        activity_record(
            actor=actor,
            verb="inspection.request_removed",
            target=locked,
            agency_id=locked.agency_id,
            changes={"item": request.code, "request": text[:200]},
        )


@dataclass
class MinutesData:
    held_at: datetime.datetime | None = None
    place: str = ""
    representatives: list[dict[str, str]] = field(default_factory=list)
    findings: str = ""
    conclusion: str = ""
    conclusion_text: str = ""
    agency_opinion: str = ""


def _representatives(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    people = []
    for row in rows:
        name = str(row.get("name", "")).strip()[:150]
        position = str(row.get("position", "")).strip()[:150]
        if name or position:
            if not name:
                raise ValidationError(
                    {"representatives": _("Write the name of each representative.")}
                )
            people.append({"name": name, "position": position})
    if len(people) > MAX_REPRESENTATIVES:
        raise ValidationError(
            {"representatives": _("At most %(n)s representatives.") % {"n": MAX_REPRESENTATIVES}}
        )
    return people


def minutes_save(*, inspection: Inspection, data: MinutesData, actor: Any) -> InspectionMinutes:
    """Write (again) the minutes as the team agreed them, before they are signed."""
    _may_record(inspection, actor)
    if data.conclusion and data.conclusion not in Conclusion.values:
        raise ValidationError({"conclusion": _("Choose a conclusion.")})
    people = _representatives(data.representatives)
    with transaction.atomic():
        locked = _locked_open(inspection)
        minutes, _created = InspectionMinutes.objects.update_or_create(
            inspection=locked,
            defaults={
                "held_at": data.held_at,
                "place": data.place.strip()[:255],
                "representatives": people,
                "findings": data.findings.strip()[:20_000],
                "conclusion": data.conclusion,
                "conclusion_text": data.conclusion_text.strip()[:20_000],
                "agency_opinion": data.agency_opinion.strip()[:20_000],
            },
        )
        activity_record(
            actor=actor,
            verb="inspection_minutes.saved",
            target=locked,
            agency_id=locked.agency_id,
            changes={
                "conclusion": minutes.conclusion,
                "representatives": [p["name"] for p in people],
            },
        )
    return minutes


def _inspection_day(inspection: Inspection) -> datetime.date | None:
    visit = getattr(inspection, "visit", None)
    return timezone.localtime(visit.scheduled_at).date() if visit is not None else None


def _signing_errors(
    minutes: InspectionMinutes,
    team_head_signed_on: datetime.date | None,
    agency_signed_on: datetime.date | None,
    today: datetime.date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    inspected = _inspection_day(minutes.inspection)
    for name, day in (
        ("team_head_signed_on", team_head_signed_on),
        ("agency_signed_on", agency_signed_on),
    ):
        if day is None:
            errors[name] = [_("Both signatures need their date.")]
        elif day > today:
            errors[name] = [_("This date is in the future.")]
        elif inspected is not None and day < inspected:
            errors[name] = [
                _("The minutes cannot be signed before the inspection (%(day)s).")
                % {"day": inspected.strftime("%d/%m/%Y")}
            ]
    answers = {a.code: a.result for a in minutes.inspection.items.all()}
    missing = [article36.item(code).label for code in article36.CODES if not answers.get(code)]
    if missing:
        errors.setdefault("__all__", []).append(
            _("Record a result for every item first (missing: %(items)s).")
            % {"items": ", ".join(missing)}
        )
    if not minutes.conclusion:
        errors.setdefault("conclusion", []).append(_("Write the conclusion first."))
    elif minutes.conclusion == Conclusion.CONFORMS and ItemResult.NOT_MET in answers.values():
        errors.setdefault("conclusion", []).append(
            _("An item is not met: the conclusion cannot be that the QMS conforms.")
        )
    return errors


def minutes_sign(
    *,
    minutes: InspectionMinutes,
    team_head_signed_on: datetime.date | None,
    agency_signed_on: datetime.date | None,
    actor: Any,
    today: datetime.date | None = None,
) -> InspectionMinutes:
    """Record that the team head and the agency signed the minutes (Art. 37.2): both dates,
    neither in the future nor before the inspection. The inspection is concluded on the
    later date: its drafted requests are issued, due two months on (Art. 37.3)."""
    inspection = minutes.inspection
    _may_record(inspection, actor)
    today = today or timezone.localdate()
    errors = _signing_errors(minutes, team_head_signed_on, agency_signed_on, today)
    if errors:
        raise ValidationError(errors)
    assert team_head_signed_on is not None and agency_signed_on is not None
    with transaction.atomic():
        locked = _locked_open(inspection)
        minutes = InspectionMinutes.objects.select_for_update().get(pk=minutes.pk)
        issued_on = max(team_head_signed_on, agency_signed_on)
        minutes.team_head_signed_on = team_head_signed_on
        minutes.agency_signed_on = agency_signed_on
        minutes.save(update_fields=["team_head_signed_on", "agency_signed_on", "updated_at"])
        locked.state = inspection_states.target("sign_minutes")
        locked.conclusion = minutes.conclusion
        locked.conclusion_text = minutes.conclusion_text
        locked.concluded_on = issued_on
        locked.save(
            update_fields=["state", "conclusion", "conclusion_text", "concluded_on", "updated_at"]
        )
        activity_record(
            actor=actor,
            verb="inspection_minutes.signed",
            target=locked,
            agency_id=locked.agency_id,
            changes={
                "team_head_signed_on": team_head_signed_on.strftime("%d/%m/%Y"),
                "agency_signed_on": agency_signed_on.strftime("%d/%m/%Y"),
                "conclusion": minutes.conclusion,
            },
        )
        inspection_concluded(inspection=locked, issued_on=issued_on, actor=actor)
    minutes.inspection = locked
    return minutes
