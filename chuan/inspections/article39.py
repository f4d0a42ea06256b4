"""The inspection file (hồ sơ kiểm tra) the inspecting unit keeps: the ten document types of
TT 26/2014/TT-BKHCN Art. 39, as data (confirmed against the text, wave2_domain.md §3.4 [C]).

Which of them must be in the file before an inspection closes depends on its form
(Art. 35): a records-based inspection has a request letter and the agency's report but no
decision, minutes or team; an on-site inspection has a decision, minutes and the team's
report. The letters requiring correction and the corrective-action records are required
only when the inspection issued requests. Two types are never required to close one
inspection: the unit's report to the Ministry or the People's Committee (item 9) is the
yearly report compiled in November across all inspections (the `reports` area), and "other
documents" (item 10) is whatever else the unit files. This split is our reading of Arts.
35–39, not a rule the text states.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chuan.inspections.choices import InspectionForm

RECORDS = InspectionForm.RECORDS
ON_SITE = InspectionForm.ON_SITE


@dataclass(frozen=True)
class FileKind:
    code: str
    number: int  # the order in Art. 39
    label: Promise
    # The forms for which the type must be in the file before closing.
    required_for: frozenset[str]
    # Required only when the inspection issued requests for correction.
    when_requests: bool = False


KINDS: tuple[FileKind, ...] = (
    FileKind("plan", 1, _("Approved inspection plan"), frozenset({RECORDS, ON_SITE})),
    FileKind("request_letter", 2, _("Letter requesting the report"), frozenset({RECORDS})),
    FileKind("agency_report", 3, _("Agency's report with evidence"), frozenset({RECORDS})),
    FileKind(
        "correction_letter",
        4,
        _("Letter requiring correction"),
        frozenset({RECORDS}),
        when_requests=True,
    ),
    FileKind("decision", 5, _("Inspection decision"), frozenset({ON_SITE})),
    FileKind("minutes", 6, _("Inspection minutes"), frozenset({ON_SITE})),
    FileKind(
        "corrective_actions",
        7,
        _("Corrective-action records (report, evidence or plan)"),
        frozenset({RECORDS, ON_SITE}),
        when_requests=True,
    ),
    FileKind("team_report", 8, _("Team's report to the inspecting unit"), frozenset({ON_SITE})),
    FileKind(
        "unit_report", 9, _("Unit's report to the Ministry or the People's Committee"), frozenset()
    ),
    FileKind("other", 10, _("Other documents"), frozenset()),
)

BY_CODE = {kind.code: kind for kind in KINDS}
CODE_CHOICES = [(kind.code, kind.label) for kind in KINDS]


def required(kind: FileKind, form: str, has_requests: bool) -> bool:
    """Whether `kind` must be in the file of an inspection of `form` before it closes."""
    if form not in kind.required_for:
        return False
    return has_requests or not kind.when_requests
