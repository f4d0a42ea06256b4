"""Publication of the catalogue (công khai TTHC): what makes a published procedure complete.

Legal basis: Decree 63/2010/NĐ-CP Art. 8(2) (a procedure is published with its name,
sequence, method, dossier components, time limit, subjects, agency, result, fees and legal
basis); the 766 index's indicator 1.3 counts the procedures published complete.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from chuan.core.working_time import Unit


@dataclass(frozen=True)
class Publishable:
    """What the completeness check reads of a procedure version (Decree 63/2010/NĐ-CP
    Art. 8(2): name, components, time, result, legal basis…)."""

    name: str
    components: int
    time_amount: Decimal
    time_unit: str
    result: str
    legal_basis: int


MISSING_LABELS = {
    "name": _("name"),
    "components": _("dossier components"),
    "time": _("time limit"),
    "result": _("result"),
    "legal_basis": _("legal basis"),
}


def missing_parts(version: Publishable) -> list[str]:
    """The parts a published procedure lacks (indicator 1.3, "procedures with complete
    components"); empty when it is complete. Fees may rightly be none."""
    missing = []
    if not version.name.strip():
        missing.append("name")
    if version.components <= 0:
        missing.append("components")
    if version.time_unit != Unit.SAME_DAY and version.time_amount <= 0:
        missing.append("time")
    if not version.result.strip():
        missing.append("result")
    if version.legal_basis <= 0:
        missing.append("legal_basis")
    return missing
