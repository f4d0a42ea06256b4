"""Writes of DOST's year: the province's reports.

The November report takes the inspection results to the provincial People's Committee
(TT 26/2014 Art. 38.1; QĐ 19/2014 Art. 12.2), the December one the province's report to the
Ministry of Science and Technology on the form of QĐ 19/2014 Appendix II (Art. 12.6). Each is
compiled from Chuẩn's data, its narrative written and its figures corrected with a note while
it is a draft, then issued with its number, date and signer — and frozen: every write after
that is refused (`report_states`).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.core.params import EARLIEST_YEAR, LATEST_YEAR
from chuan.inspections.models import ProvinceReport
from chuan.inspections.permissions import can_manage
from chuan.inspections.report_states import ReportKind, ReportState, next_state
from chuan.inspections.report_template import label, template
from chuan.inspections.selectors.reports import report_figures
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit

ENTITY = "province_report"
MAX_SECTION = 20_000
MAX_FIGURE = 10**7  # more agencies or officials than any province has


def register_activity_labels() -> None:
    """Labels of the activity this module records (called by InspectionsConfig.ready)."""
    register_verb_labels(
        {
            "province_report.compiled": gettext_lazy("Compiled a province report"),
            "province_report.edited": gettext_lazy("Wrote a province report's narrative"),
            "province_report.corrected": gettext_lazy("Corrected a province report's figure"),
            "province_report.issued": gettext_lazy("Issued a province report"),
        }
    )
    register_field_labels(
        {
            "kind": gettext_lazy("Report"),
            "year": gettext_lazy("Year"),
            "state": gettext_lazy("State"),
            "agencies": gettext_lazy("Agencies"),
            "section": gettext_lazy("Section"),
            "text": gettext_lazy("Text"),
            "block": gettext_lazy("Block"),
            "column": gettext_lazy("Column"),
            "value": gettext_lazy("Figure"),
            "compiled_value": gettext_lazy("Compiled figure"),
            "note": gettext_lazy("Note"),
            "number": gettext_lazy("Number"),
            "issued_on": gettext_lazy("Issued on"),
            "signer": gettext_lazy("Signed by"),
        },
        entity=ENTITY,
    )
    register_value_labels("kind", ReportKind, entity=ENTITY)
    register_value_labels("state", ReportState, entity=ENTITY)
    # Blocks, columns and sections are keys of the template data: shown by its labels.
    register_value_labels("block", _template_label("blocks"), entity=ENTITY)
    register_value_labels("column", _template_label("columns"), entity=ENTITY)
    register_value_labels("section", _template_label("sections"), entity=ENTITY)


def _template_label(part: str) -> Any:
    def show(value: Any) -> str:
        for kind in ReportKind.values:
            shape = template(kind)
            items: Any = shape.blocks if part == "blocks" else getattr(shape, part)
            for item in items:
                key, text = (
                    (item.key, item.label) if part == "blocks" else (item["key"], item["label"])
                )
                if key == value:
                    return label(text)
        return str(value)

    return show


def _may_manage(province_id: int, actor: Any) -> None:
    if not can_manage(actor, province_id):
        raise PermissionDenied(_("You may not write this province's reports."))


def _step(report: ProvinceReport, action: str) -> str:
    to = next_state(report.state, action)
    if to is None:
        raise ConflictError(
            _("Not possible while the report is “%(state)s”: an issued report is frozen.")
            % {"state": ReportState(report.state).label}
        )
    return to


def _locked(report: ProvinceReport) -> ProvinceReport:
    return ProvinceReport.objects.select_for_update().get(pk=report.pk)


def report_compile(
    *, province: AdministrativeUnit, year: int, kind: str, actor: Any
) -> ProvinceReport:
    """Compile (again) the province's report of `kind` for `year` from Chuẩn's data: the
    draft is created the first time, its figures replaced afterwards (the narrative stays;
    corrections of figures are dropped, since they corrected figures that are gone). Refused
    once issued. The columns come from the template data (`report_template`; Appendix II's
    field list is not confirmed)."""
    _may_manage(province.pk, actor)
    errors: dict[str, str] = {}
    if kind not in ReportKind.values:
        errors["kind"] = _("Choose the November or the December report.")
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        errors["year"] = _("Give a year from %(first)s to %(last)s.") % {
            "first": EARLIEST_YEAR,
            "last": LATEST_YEAR,
        }
    if province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Reports are compiled for a province.")
    if errors:
        raise ValidationError(errors)
    figures = report_figures(province=province, year=year, kind=kind)
    with transaction.atomic():
        report = (
            ProvinceReport.objects.select_for_update()
            .filter(province=province, year=year, kind=kind)
            .first()
        )
        if report is None:
            try:
                with transaction.atomic():
                    report = ProvinceReport.objects.create(
                        province=province,
                        year=year,
                        kind=kind,
                        created_by=actor if getattr(actor, "is_authenticated", False) else None,
                        sections=dict.fromkeys(template(kind).section_keys(), ""),
                    )
            except IntegrityError:  # compiled at the same moment by someone else
                report = ProvinceReport.objects.select_for_update().get(
                    province=province, year=year, kind=kind
                )
        to = _step(report, "compile")
        report.compiled = figures
        report.compiled_at = timezone.now()
        report.corrections = []
        report.state = to
        report.save(update_fields=["compiled", "compiled_at", "corrections", "state", "updated_at"])
        activity_record(
            actor=actor,
            verb="province_report.compiled",
            target=report,
            changes={
                "kind": kind,
                "year": year,
                "agencies": sum(len(b["rows"]) for b in figures["blocks"]),
            },
        )
    return report


def report_edit(*, report: ProvinceReport, section: str, text: str, actor: Any) -> ProvinceReport:
    """Write one narrative section (the assessment, the recommendations…) of a draft."""
    _may_manage(report.province_id, actor)
    if section not in template(report.kind).section_keys():
        raise ValidationError({"section": _("Choose a section of the report.")})
    text = text.strip()
    if len(text) > MAX_SECTION:
        raise ValidationError(
            {"text": _("Keep a section under %(max)s characters.") % {"max": MAX_SECTION}}
        )
    with transaction.atomic():
        report = _locked(report)
        _step(report, "edit")
        report.sections = {**(report.sections or {}), section: text}
        report.save(update_fields=["sections", "updated_at"])
        activity_record(
            actor=actor,
            verb="province_report.edited",
            target=report,
            changes={"section": section, "text": text[:200]},
        )
    return report


def report_correct(
    *, report: ProvinceReport, block: str, column: str, value: int, note: str, actor: Any
) -> ProvinceReport:
    """Correct one block's figure of a draft (a count Chuẩn could not know: an agency that
    reported on paper), with the note saying why; the compiled figure is kept beside it."""
    _may_manage(report.province_id, actor)
    errors: dict[str, str] = {}
    compiled = report.compiled or {}
    blocks = {b["key"]: b for b in compiled.get("blocks", [])}
    columns = compiled.get("columns", [])
    if block not in blocks:
        errors["block"] = _("Choose a block of the report.")
    if column not in columns:
        errors["column"] = _("Choose a column of the report.")
    if not 0 <= value <= MAX_FIGURE:
        errors["value"] = _("Give a figure from 0 to %(max)s.") % {"max": MAX_FIGURE}
    note = note.strip()[:1000]
    if not note:
        errors["note"] = _("Say why the figure is corrected.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = _locked(report)
        _step(report, "correct")
        was = blocks[block]["totals"][columns.index(column)]
        kept = [c for c in report.corrections or [] if (c["block"], c["column"]) != (block, column)]
        if value != was:
            kept.append(
                {"block": block, "column": column, "value": value, "was": was, "note": note}
            )
        report.corrections = kept
        report.save(update_fields=["corrections", "updated_at"])
        activity_record(
            actor=actor,
            verb="province_report.corrected",
            target=report,
            changes={
                "block": block,
                "column": column,
                "compiled_value": was,
                "value": value,
                "note": note[:200],
            },
        )
    return report


@dataclass
class IssueData:
    number: str
    issued_on: datetime.date
    signer: str
    signer_title: str = ""


def report_issue(
    *, report: ProvinceReport, data: IssueData, actor: Any, today: datetime.date | None = None
) -> ProvinceReport:
    """Issue the report with its number, date and signer: from now on it is frozen."""
    _may_manage(report.province_id, actor)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    number, signer = data.number.strip()[:60], data.signer.strip()[:150]
    if not number:
        errors["number"] = _("Give the report's number.")
    if not signer:
        errors["signer"] = _("Name who signs the report.")
    if data.issued_on > today:
        errors["issued_on"] = _("The report cannot be dated in the future.")
    elif data.issued_on.year < report.year:
        errors["issued_on"] = _("The report cannot be dated before its year.")
    if not report.compiled:
        errors["number"] = _("Compile the report before issuing it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = _locked(report)
        to = _step(report, "issue")
        report.number = number
        report.issued_on = data.issued_on
        report.signer = signer
        report.signer_title = data.signer_title.strip()[:150]
        report.state = to
        report.issued_at = timezone.now()
        report.issued_by = actor if getattr(actor, "is_authenticated", False) else None
        report.save(
            update_fields=[
                "number",
                "issued_on",
                "signer",
                "signer_title",
                "state",
                "issued_at",
                "issued_by",
                "updated_at",
            ]
        )
        activity_record(
            actor=actor,
            verb="province_report.issued",
            target=report,
            changes={
                "number": number,
                "issued_on": data.issued_on.strftime("%d/%m/%Y"),
                "signer": signer,
                "state": to,
            },
        )
    return report
