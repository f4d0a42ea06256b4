"""The province's reports and what may happen to them in each state: one table.

A report (the November inspection results to the provincial People's Committee, TT 26/2014
Art. 38.1; the December report to the Ministry of Science and Technology on the form of
QĐ 19/2014 Appendix II, QĐ 19/2014 Art. 12.6) is compiled from Chuẩn's data as a draft, may be
compiled again, its narrative written and its figures corrected with a note while it is a
draft, and is issued with its number, date and signer. Issued, it is frozen: every write is
refused.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    """Which of the province's two yearly reports."""

    NOVEMBER = "november", _("Inspection results to the People's Committee (November)")
    DECEMBER = "december", _("Report to the Ministry of Science and Technology (December)")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


S = ReportState

# action -> {state it may start from: state it leads to}
TRANSITIONS: dict[str, dict[str, str]] = {
    "compile": {S.DRAFT: S.DRAFT},
    "edit": {S.DRAFT: S.DRAFT},
    "correct": {S.DRAFT: S.DRAFT},
    "issue": {S.DRAFT: S.ISSUED},
}
ACTIONS = tuple(TRANSITIONS)


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None when it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


def actions_from(state: str) -> list[str]:
    """The actions allowed now, in the table's order (the screen's buttons)."""
    return [action for action in TRANSITIONS if next_state(state, action) is not None]
