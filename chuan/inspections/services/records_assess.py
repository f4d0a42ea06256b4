"""DOST's assessment of a records-based inspection (TT 26/2014/TT-BKHCN Arts. 35.3, 36,
37): a result on each Article 36 item (met / not met / not applicable) with its finding,
requests for correction drafted on the unmet items, and the conclusion, which issues the
requests as nonconformities of the agency (`services.followup.inspection_concluded`)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exceptions import ConflictError
from chuan.inspections import article36
from chuan.inspections.choices import (
    Conclusion,
    InspectionForm,
    InspectionState,
    ItemResult,
    RequestState,
)
from chuan.inspections.models import CorrectionRequest, Inspection, ItemAnswer
from chuan.inspections.services.followup import inspection_concluded
from chuan.inspections.services.records import _activity, locked, may_manage, step

TEXT_MAX = 5000


@dataclass
class ItemResultData:
    result: str = ""
    finding: str = ""


def _assessable(inspection: Inspection) -> None:
    """DOST assesses a records-based inspection once the report has come."""
    if inspection.form != InspectionForm.RECORDS or inspection.state != InspectionState.ANSWERED:
        raise ConflictError(
            _("Not possible while the inspection is “%(state)s”.")
            % {"state": InspectionState(inspection.state).label}
        )


def inspection_assess(
    *, inspection: Inspection, results: dict[str, ItemResultData], actor: Any
) -> list[ItemAnswer]:
    """Record DOST's result and finding on these items (a draft until concluded)."""
    may_manage(inspection, actor)
    _assessable(inspection)
    errors: dict[str, str] = {}
    for code, data in results.items():
        if code not in article36.BY_CODE:
            errors[code] = _("There is no item %(code)s in Article 36.") % {"code": code}
            continue
        label = article36.item(code).label
        if data.result and data.result not in ItemResult.values:
            errors[f"{code}-result"] = _("Item %(item)s: choose a result.") % {"item": label}
        if len(data.finding) > TEXT_MAX:
            errors[f"{code}-finding"] = _("Item %(item)s: write at most %(n)d characters.") % {
                "item": label,
                "n": TEXT_MAX,
            }
        elif data.result == ItemResult.NOT_MET and not data.finding.strip():
            errors[f"{code}-finding"] = _("Item %(item)s: say what was not met.") % {"item": label}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspection = locked(inspection)
        _assessable(inspection)
        rows = {
            row.code: row
            for row in ItemAnswer.objects.select_for_update().filter(
                inspection=inspection, code__in=list(results)
            )
        }
        saved = []
        for code, data in results.items():
            row = rows.get(code) or ItemAnswer(inspection=inspection, code=code)
            row.result = data.result
            row.finding = data.finding.strip()
            row.result_by = actor if getattr(actor, "is_authenticated", False) else None
            row.save()
            saved.append(row)
        _activity(inspection, "inspection.assessed", actor, items=sorted(results))
    return saved


def correction_request_draft(
    *, inspection: Inspection, code: str, text: str, actor: Any
) -> CorrectionRequest:
    """Draft a request for correction on an item; it is issued with the conclusion."""
    may_manage(inspection, actor)
    _assessable(inspection)
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if code and code not in article36.BY_CODE:
        errors["code"] = _("Choose an item of Article 36.")
    if not text:
        errors["text"] = _("Write what the agency must correct.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("Write at most %(n)d characters.") % {"n": TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspection = locked(inspection)
        _assessable(inspection)
        request = CorrectionRequest.objects.create(
            inspection=inspection, code=code or "", text=text, state=RequestState.DRAFT
        )
        _activity(inspection, "inspection.request_drafted", actor, code=code, text=text)
    return request


def correction_request_withdraw(*, request: CorrectionRequest, actor: Any) -> None:
    """Remove a request still in draft (nothing was issued from it)."""
    inspection = request.inspection
    may_manage(inspection, actor)
    _assessable(inspection)
    if request.state != RequestState.DRAFT:
        raise ConflictError(_("Only a drafted request can be removed."))
    with transaction.atomic():
        inspection = locked(inspection)
        deleted, _rows = CorrectionRequest.objects.filter(
            pk=request.pk, state=RequestState.DRAFT
        ).delete()
        if not deleted:
            raise ConflictError(_("Only a drafted request can be removed."))
        _activity(
            inspection, "inspection.request_withdrawn", actor, code=request.code, text=request.text
        )


def inspection_conclude(
    *,
    inspection: Inspection,
    conclusion: str,
    text: str,
    concluded_on: datetime.date,
    actor: Any,
) -> Inspection:
    """Conclude: report received → concluded. Every item needs a result; a QMS with an
    unmet item is not "applied and maintained", and "corrections required" needs at least
    one drafted request. The drafted requests are issued as the agency's nonconformities,
    due two months from `concluded_on` (Art. 37.3)."""
    may_manage(inspection, actor)
    errors: dict[str, str] = {}
    if conclusion not in Conclusion.values:
        errors["conclusion"] = _("Choose a conclusion.")
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        errors["text"] = _("Write at most %(n)d characters.") % {"n": TEXT_MAX}
    if not isinstance(concluded_on, datetime.date):
        errors["concluded_on"] = _("Give the date of the conclusion.")
    elif concluded_on > timezone.localdate():
        errors["concluded_on"] = _("The conclusion's date cannot be in the future.")
    elif inspection.answered_at and concluded_on < timezone.localdate(inspection.answered_at):
        errors["concluded_on"] = _("The conclusion cannot come before the agency's report.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspection = locked(inspection)
        if inspection.form != InspectionForm.RECORDS:
            raise ConflictError(_("An on-site inspection is concluded by its minutes."))
        to = step(inspection, "conclude")
        results = dict(
            ItemAnswer.objects.filter(inspection=inspection).values_list("code", "result")
        )
        missing = [i.label for i in article36.ITEMS if not results.get(i.code)]
        if missing:
            raise ValidationError(
                {
                    "conclusion": _("Give a result on every item first: %(items)s.")
                    % {"items": ", ".join(missing)}
                }
            )
        drafts = CorrectionRequest.objects.filter(
            inspection=inspection, state=RequestState.DRAFT
        ).count()
        unmet = [i.label for i in article36.ITEMS if results.get(i.code) == ItemResult.NOT_MET]
        if conclusion == Conclusion.CONFORMS and unmet:
            raise ValidationError(
                {
                    "conclusion": _(
                        "Items %(items)s are not met: the QMS cannot be found "
                        "applied and maintained."
                    )
                    % {"items": ", ".join(unmet)}
                }
            )
        if conclusion == Conclusion.CORRECTIONS_NEEDED and not drafts:
            raise ValidationError(
                {"conclusion": _("Draft the requests for correction before concluding so.")}
            )
        inspection.state = to
        inspection.conclusion = conclusion
        inspection.conclusion_text = text
        inspection.concluded_on = concluded_on
        inspection.save(
            update_fields=["state", "conclusion", "conclusion_text", "concluded_on", "updated_at"]
        )
        _activity(
            inspection,
            "inspection.records_concluded",
            actor,
            state=to,
            conclusion=conclusion,
            concluded_on=concluded_on,
        )
        inspection_concluded(inspection=inspection, issued_on=concluded_on, actor=actor)
    return inspection
