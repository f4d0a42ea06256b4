"""Writes of document control: revisions (`revisions`) and the reviews the law's changes
open (`reviews`). Callers import from here."""

from chuan.documents.services.reviews import (
    review_close_no_change,
    reviews_answer,
    reviews_open,
)
from chuan.documents.services.revisions import (
    DocumentData,
    document_create,
    document_file_check,
    revision_acknowledge,
    revision_approve,
    revision_distribute,
    revision_draft,
    revision_file_replace,
    revision_send_back,
    revision_sign_off,
    revision_submit,
    revision_withdraw,
)

__all__ = [
    "DocumentData",
    "document_create",
    "document_file_check",
    "review_close_no_change",
    "reviews_answer",
    "reviews_open",
    "revision_acknowledge",
    "revision_approve",
    "revision_distribute",
    "revision_draft",
    "revision_file_replace",
    "revision_send_back",
    "revision_sign_off",
    "revision_submit",
    "revision_withdraw",
]
