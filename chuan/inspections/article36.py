"""The thirteen things a DOST inspection checks (TT 26/2014/TT-BKHCN Article 36).

Group 1 is the QMS's conformity with TCVN ISO 9001 (items a–g), group 2 the agency's
compliance with QĐ 19/2014/QĐ-TTg (items a–e). The same list is the outline of the
agency's report in a records-based inspection (Article 35), the on-site team's checklist and
the rows of the minutes (Mẫu 21). Vietnamese letters skip "f" and put "đ" after "d"; the
codes spell đ as "dd" so they stay ASCII.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    code: str  # "1a" … "2e": group digit + letter ("dd" for đ)
    group: int
    letter: str  # as printed: a, b, c, d, đ, e, g
    text: Promise

    @property
    def label(self) -> str:
        """As the minutes number it: "1.a", "2.đ"."""
        return f"{self.group}.{self.letter}"


GROUPS: dict[int, Promise] = {
    1: _("Conformity of the QMS with TCVN ISO 9001"),
    2: _("Compliance with Decision 19/2014/QĐ-TTg"),
}

ITEMS: tuple[Item, ...] = (
    Item(
        "1a",
        1,
        "a",
        _(
            "The scope covers every activity related to the administrative procedures the "
            "agency handles"
        ),
    ),
    Item(
        "1b",
        1,
        "b",
        _(
            "Documents and procedures have been disseminated to and explained for every "
            "official in scope"
        ),
    ),
    Item(
        "1c",
        1,
        "c",
        _(
            "The standard's requirements, the quality policy and objectives, the procedures "
            "and legal requirements are complied with"
        ),
    ),
    Item(
        "1d",
        1,
        "d",
        _("Work-handling processes and the other QMS processes are actually performed"),
    ),
    Item(
        "1dd",
        1,
        "đ",
        _(
            "Management review, internal audit and corrective action on nonconformities are "
            "carried out"
        ),
    ),
    Item("1e", 1, "e", _("Complaints within the QMS scope are handled")),
    Item("1g", 1, "g", _("Improvement activities are carried out")),
    Item(
        "2a", 2, "a", _("Leaders, units and individuals take part in building and applying the QMS")
    ),
    Item("2b", 2, "b", _("The head of the agency has confirmed the QMS is effective")),
    Item(
        "2c",
        2,
        "c",
        _(
            "Conformity has been announced, the lead unit notified, and the announcement "
            "posted at the office and on the website"
        ),
    ),
    Item("2d", 2, "d", _("Changes of the law have been built into the QMS")),
    Item("2dd", 2, "đ", _("The QMS was announced again when its scope changed")),
    Item("2e", 2, "e", _("A consultant, if hired, held a valid certificate and card")),
)

BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}
CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)
CODE_CHOICES: list[tuple[str, str]] = [(item.code, item.label) for item in ITEMS]


def item(code: str) -> Item:
    """The item of a code; KeyError for a code the article does not have."""
    return BY_CODE[code]
