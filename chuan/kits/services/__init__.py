"""Writes of the province's QMS kits, split by side: the keeper's sets, items and editions
(`editions`), carrying a new edition to the adopting agencies (`propagation`), the adopting
agency's adoption, adaptation and answers (`adoption`), the keeper's reviews a change of
the law opens (`reviews`) and the roll-out link (`issued`). Callers import from here."""

from chuan.kits.services.adoption import (
    adopted_steps_adapt,
    adopted_text_adapt,
    fits_scope,
    missing_placeholders,
    model_set_adopt,
    request_adopt,
    request_keep,
)
from chuan.kits.services.editions import (
    EditionData,
    ModelStepData,
    edition_approve,
    edition_draft,
    edition_update,
    edition_withdraw,
    model_item_create,
    model_set_create,
)
from chuan.kits.services.issued import documents_issued_record
from chuan.kits.services.propagation import propagate
from chuan.kits.services.reviews import model_review_close_no_change, model_reviews_open

__all__ = [
    "EditionData",
    "ModelStepData",
    "adopted_steps_adapt",
    "adopted_text_adapt",
    "documents_issued_record",
    "edition_approve",
    "edition_draft",
    "edition_update",
    "edition_withdraw",
    "fits_scope",
    "missing_placeholders",
    "model_item_create",
    "model_review_close_no_change",
    "model_reviews_open",
    "model_set_adopt",
    "model_set_create",
    "propagate",
    "request_adopt",
    "request_keep",
]
