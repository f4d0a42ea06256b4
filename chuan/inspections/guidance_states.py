"""Guidance to agencies (hướng dẫn; QĐ 19/2014/QĐ-TTg Art. 12, TT 26/2014/TT-BKHCN Art. 33):
the states of a guidance letter and of an agency's question, each as one table.

A letter: draft → published (the agencies of its audience get it to acknowledge) →
withdrawn (with a reason; the acknowledgements stay). A question: open (awaiting DOST) →
answered (DOST replied) → closed; the agency's follow-up on an answered question opens it
again, since DOST owes it another answer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FileRole(models.TextChoices):
    """What a file of a guidance letter is: the signed letter, or a template to fill in."""

    LETTER = "letter", _("Signed letter")
    TEMPLATE = "template", _("Template")


class QuestionState(models.TextChoices):
    OPEN = "open", _("Awaiting DOST's answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


L = LetterState
Q = QuestionState

LETTER_TRANSITIONS: dict[str, dict[str, str]] = {
    "edit": {L.DRAFT: L.DRAFT},
    "publish": {L.DRAFT: L.PUBLISHED},
    "withdraw": {L.PUBLISHED: L.WITHDRAWN},
    "acknowledge": {L.PUBLISHED: L.PUBLISHED},
}

QUESTION_TRANSITIONS: dict[str, dict[str, str]] = {
    # DOST's reply answers the question (again, after a follow-up).
    "answer": {Q.OPEN: Q.ANSWERED, Q.ANSWERED: Q.ANSWERED},
    # The agency's follow-up: DOST owes an answer again.
    "follow_up": {Q.OPEN: Q.OPEN, Q.ANSWERED: Q.OPEN},
    "close": {Q.OPEN: Q.CLOSED, Q.ANSWERED: Q.CLOSED},
    # Only an answer can become a FAQ entry.
    "publish_faq": {Q.ANSWERED: Q.ANSWERED, Q.CLOSED: Q.CLOSED},
}


def letter_next(state: str, action: str) -> str | None:
    """The state `action` leads a letter to from `state`, or None when it is not allowed."""
    return LETTER_TRANSITIONS.get(action, {}).get(state)


def question_next(state: str, action: str) -> str | None:
    """The state `action` leads a question to from `state`, or None when it is not allowed."""
    return QUESTION_TRANSITIONS.get(action, {}).get(state)
