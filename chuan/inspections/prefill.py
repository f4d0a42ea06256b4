"""What Chuẩn already knows of an agency, laid on the Article 36 items (TT 26/2014/TT-BKHCN
Arts. 35–36) so that the agency confirms or corrects it instead of writing its report anew.

Pure functions: the facts arrive as plain dicts gathered for many agencies at once
(`selectors.records.prefill_facts`), and each item gets the facts that evidence it with a
short summary. The facts are stored as data (ISO dates, counts) so that the summary can be
written again in the reader's language (`summaries`); the stored `summary` is the one of the
language active when Chuẩn filled the item in.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chuan.inspections.article36 import CODES

Facts = dict[str, Any]

# Which fact evidences which item. The announcement decision is signed by the head of the
# agency once the QMS is found effective (QĐ 19/2014 Art. 4.3), so it evidences 2.b as well
# as the announcement itself (2.c); its scope evidences 1.a, its consultant 2.e. The law
# reviews are QĐ 19/2014 Art. 4.4a (2.d) and the legal requirements of 1.c; the desk's
# on-time rate shows the work-handling processes performed (1.d) and complied with (1.c).
ITEM_FACTS: dict[str, tuple[str, ...]] = {
    "1a": ("scope",),
    "1b": (),
    "1c": ("law_reviews", "on_time"),
    "1d": ("on_time",),
    "1dd": ("audit", "management_review", "nonconformities"),
    "1e": ("complaints",),
    "1g": ("nonconformities",),
    "2a": ("management_review",),
    "2b": ("announcement",),
    "2c": ("announcement",),
    "2d": ("law_reviews",),
    "2dd": ("reannouncements",),
    "2e": ("consultant",),
}


def _day(value: str | None) -> str:
    """An ISO date of the facts as it is printed: dd/mm/yyyy."""
    if not value:
        return ""
    return datetime.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")


def _announcement(fact: Facts) -> str:
    if not fact.get("decision_number") and not fact.get("occurred_on"):
        return _("Chuẩn holds no announcement of conformity for this agency.")
    text = _("Announced by decision %(number)s of %(date)s") % {
        "number": fact.get("decision_number") or "—",
        "date": _day(fact.get("decision_date") or fact.get("occurred_on")),
    }
    if fact.get("signer"):
        text += _(", signed by %(signer)s") % {"signer": fact["signer"]}
    if fact.get("iso_edition"):
        text += f" (TCVN ISO 9001:{fact['iso_edition']})"
    return text + "."


def _scope(fact: Facts) -> str:
    if not fact.get("scope"):
        return _("Chuẩn holds no announced scope for this agency.")
    return _("Announced scope: %(scope)s") % {"scope": fact["scope"]}


def _consultant(fact: Facts) -> str:
    if not fact.get("consultant"):
        return _("No consultant is recorded with the announcement.")
    return _("Consultant recorded with the announcement: %(name)s.") % {"name": fact["consultant"]}


def _reannouncements(fact: Facts) -> str:
    count = fact.get("count", 0)
    if not count:
        return _("No re-announcement is recorded.")
    return ngettext(
        "%(count)d re-announcement recorded, the last on %(date)s.",
        "%(count)d re-announcements recorded, the last on %(date)s.",
        count,
    ) % {"count": count, "date": _day(fact.get("last_on"))}


def _law_reviews(fact: Facts) -> str:
    text = _(
        "Changes of the law this year: %(revised)d document(s) revised, %(kept)d found "
        "needing no change; %(open)d review(s) open, %(overdue)d overdue."
    ) % {
        "revised": fact.get("revised", 0),
        "kept": fact.get("no_change", 0),
        "open": fact.get("open", 0),
        "overdue": fact.get("overdue", 0),
    }
    late = [
        _("%(law)s (due %(date)s)") % {"law": row["law"], "date": _day(row.get("due_on"))}
        for row in fact.get("overdue_items", [])
    ]
    if late:
        text += " " + _("Overdue: %(list)s.") % {"list": "; ".join(late)}
    return text


def _audit(fact: Facts) -> str:
    if not fact.get("reported_on"):
        return _("Chuẩn holds no internal audit report for this agency.")
    return _("Last internal audit: “%(title)s”, report issued on %(date)s.") % {
        "title": fact.get("title", ""),
        "date": _day(fact["reported_on"]),
    }


def _management_review(fact: Facts) -> str:
    if not fact.get("held_on"):
        return _("Chuẩn holds no management review for this agency.")
    return _("Last management review: “%(title)s”, held on %(date)s.") % {
        "title": fact.get("title", ""),
        "date": _day(fact["held_on"]),
    }


def _nonconformities(fact: Facts) -> str:
    return _(
        "Nonconformities: %(open)d open, %(closed)d closed this year; %(late)d corrective "
        "action(s) overdue."
    ) % {
        "open": fact.get("open", 0),
        "closed": fact.get("closed_this_year", 0),
        "late": fact.get("overdue_actions", 0),
    }


def _complaints(fact: Facts) -> str:
    return _("Citizens' complaints or ratings recorded as nonconformities this year: %(n)d.") % {
        "n": fact.get("count", 0)
    }


def _on_time(fact: Facts) -> str:
    finished = fact.get("finished", 0)
    if not finished:
        return _("The desk finished no dossier this year in Chuẩn.")
    return _("On time at the desk this year: %(rate)s%% of %(finished)d dossiers finished.") % {
        "rate": f"{fact['rate']:.1f}".replace(".", ","),
        "finished": finished,
    }


DESCRIBE: dict[str, Callable[[Facts], str]] = {
    "announcement": _announcement,
    "scope": _scope,
    "consultant": _consultant,
    "reannouncements": _reannouncements,
    "law_reviews": _law_reviews,
    "audit": _audit,
    "management_review": _management_review,
    "nonconformities": _nonconformities,
    "complaints": _complaints,
    "on_time": _on_time,
}


def on_time_rate(early: int, on_time: int, late: int) -> float | None:
    """Per cent of finished dossiers not late (early or on the due date), None when none."""
    finished = early + on_time + late
    return None if not finished else round(100 * (early + on_time) / finished, 1)


def item_prefill(facts: Facts, code: str) -> dict[str, Any]:
    """The prefill of one item: the facts that evidence it (each with its key) and a
    summary, in the active language."""
    entries = [{"key": key, **facts.get(key, {})} for key in ITEM_FACTS[code]]
    return {"facts": entries, "summary": " ".join(DESCRIBE[e["key"]](e) for e in entries)}


def build(facts: Facts) -> dict[str, dict[str, Any]]:
    """The prefill of all thirteen items of one agency."""
    return {code: item_prefill(facts, code) for code in CODES}


def summaries(prefill: dict[str, Any]) -> list[str]:
    """The stored facts of one item written in the reader's language, one line each."""
    lines = []
    for entry in prefill.get("facts", []) if isinstance(prefill, dict) else []:
        describe = DESCRIBE.get(entry.get("key", ""))
        if describe is not None:
            lines.append(describe(entry))
    return lines
