"""Writes of the legal library: recording a document with its checked symbol, changing it,
and recording how documents act on each other. Each write is one transaction with an
activity entry."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.files import checked_upload_name, sha256_of
from chuan.core.text import fold
from chuan.legal.choices import (
    RELATION_INVERSE_LABELS,
    DocumentKind,
    DocumentStatus,
    RelationKind,
)
from chuan.legal.hooks import law_changed
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.permissions import may_edit_legal
from chuan.legal.symbols import SymbolError, check_symbol
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit

LEGAL_FILE_KINDS = ("pdf", "docx")
_FIELDS = (
    "symbol",
    "kind",
    "title",
    "issuer",
    "signer",
    "issue_date",
    "effective_date",
    "end_date",
    "status",
    "summary",
)


@dataclass
class LegalDocumentData:
    """A legal document as a screen, the API or an import supplies it."""

    symbol: str
    kind: str
    title: str
    issuer: str
    issue_date: datetime.date
    signer: str = ""
    effective_date: datetime.date | None = None
    end_date: datetime.date | None = None
    status: str = DocumentStatus.IN_FORCE
    summary: str = ""
    province: AdministrativeUnit | None = field(default=None)


def legal_file_check(file: UploadedFile) -> str:
    """Check a legal document's file by content; return the name to store it under."""
    return checked_upload_name(file, kinds=LEGAL_FILE_KINDS)


def _clean(data: LegalDocumentData, document: LegalDocument | None) -> dict[str, Any]:
    """The fields to store, or ValidationError naming every field at fault."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "kind": data.kind,
        "title": " ".join(data.title.split()),
        "issuer": " ".join(data.issuer.split()),
        "signer": " ".join(data.signer.split()),
        "issue_date": data.issue_date,
        "effective_date": data.effective_date,
        "end_date": data.end_date,
        "status": data.status,
        "summary": data.summary.strip(),
        "province": data.province,
    }
    if data.kind not in DocumentKind.values:
        errors["kind"] = _("Choose the type of document.")
    if data.status not in DocumentStatus.values:
        errors["status"] = _("Choose whether the document is in force.")
    if not values["title"]:
        errors["title"] = _("Give the document's title (trích yếu).")
    if not values["issuer"]:
        errors["issuer"] = _("Name the body that issued it.")
    if data.province is not None and data.province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Choose a province.")
    if data.effective_date and data.effective_date < data.issue_date:
        errors["effective_date"] = _("A document cannot take effect before it is issued.")
    start = data.effective_date or data.issue_date
    if data.end_date and data.end_date < start:
        errors["end_date"] = _("A document cannot end its effect before it starts.")
    if data.status == DocumentStatus.NO_LONGER_IN_FORCE and not data.end_date:
        errors["end_date"] = _("Give the date the document stopped being in force.")
    if "kind" not in errors:
        try:
            symbol = check_symbol(data.symbol, kind=data.kind, issue_date=data.issue_date)
        except SymbolError as exc:
            errors["symbol"] = str(exc)
        else:
            values.update(
                symbol=symbol.text,
                number=symbol.number,
                year=symbol.year,
                type_code=symbol.type_code,
            )
            twins = LegalDocument.objects.filter(
                symbol=symbol.text, issuer=values["issuer"], issue_date__year=data.issue_date.year
            )
            if document is not None:
                twins = twins.exclude(pk=document.pk)
            if twins.exists():
                errors["symbol"] = _(
                    "This issuer already has a document %(symbol)s of %(year)s."
                ) % {
                    "symbol": symbol.text,
                    "year": data.issue_date.year,
                }
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    values["search_text"] = _search_text(values)
    return values


def _search_text(values: dict[str, Any]) -> str:
    # Padded with spaces so a query token matches at the start of a word.
    parts = (values["symbol"], values["title"], values["issuer"], values["signer"])
    return f" {fold(' '.join(parts))} "


def _snapshot(document: LegalDocument) -> dict[str, Any]:
    return {name: getattr(document, name) for name in _FIELDS} | {
        "province": document.province.name if document.province else ""
    }


def _store_file(document: LegalDocument, file: UploadedFile | None) -> None:
    if file is not None:
        file.name = legal_file_check(file)
        document.file_sha256 = sha256_of(file)
        document.file.save(file.name, file, save=False)


def legal_document_create(
    *, data: LegalDocumentData, actor: Any, file: UploadedFile | None = None
) -> LegalDocument:
    """Record a legal document in the library."""
    if not may_edit_legal(actor, data.province):
        raise PermissionDenied(_("You may not record documents of this province."))
    values = _clean(data, None)
    if file is not None:
        legal_file_check(file)
    with transaction.atomic():
        document = LegalDocument(**values, created_by=actor)
        _store_file(document, file)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError as exc:
            raise ValidationError(
                {"symbol": [_("This issuer already has a document with this symbol.")]}
            ) from exc
        activity_record(
            actor=actor,
            verb="legal_document.created",
            target=document,
            changes=_snapshot(document),
        )
    return document


def legal_document_update(
    *,
    document: LegalDocument,
    data: LegalDocumentData,
    actor: Any,
    file: UploadedFile | None = None,
) -> LegalDocument:
    """Change a document's record: its status, dates, summary or file."""
    if not (may_edit_legal(actor, document.province_id) and may_edit_legal(actor, data.province)):
        raise PermissionDenied(_("You may not change documents of this province."))
    values = _clean(data, document)
    if file is not None:
        legal_file_check(file)
    before = _snapshot(document)
    with transaction.atomic():
        for name, value in values.items():
            setattr(document, name, value)
        _store_file(document, file)
        document.save()
        after = _snapshot(document)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if file is not None:
            changes["file"] = ["", document.file.name]
        activity_record(
            actor=actor, verb="legal_document.changed", target=document, changes=changes
        )
        if "status" in changes:
            law_changed(
                document=document,
                reason=str(DocumentStatus(document.status).label),
                actor=actor,
                effective_on=document.end_date,
            )
    return document


# A document replaced or repealed as a whole stops being in force on the day the acting
# document takes effect; what cites an amended, replaced or repealed document is reviewed.
_ENDING = {RelationKind.REPLACES, RelationKind.REPEALS}
_CHANGING = {RelationKind.AMENDS, *_ENDING}


def legal_relation_add(
    *,
    source: LegalDocument,
    kind: str,
    target: LegalDocument,
    actor: Any,
    note: str = "",
) -> LegalRelation:
    """Record that `source` amends, replaces, repeals or guides `target`. Replacing or
    repealing ends `target`'s effect on the day `source` takes effect."""
    if not may_edit_legal(actor, source.province_id):
        raise PermissionDenied(_("You may not change documents of this province."))
    errors: dict[str, str] = {}
    if kind not in RelationKind.values:
        errors["kind"] = _("Choose how the document acts on the other.")
    if source.pk == target.pk:
        errors["target"] = _("A document cannot act on itself.")
    elif source.issue_date < target.issue_date:
        errors["target"] = _("A document cannot act on one issued after it (%(date)s).") % {
            "date": target.issue_date.strftime("%d/%m/%Y")
        }
    elif LegalRelation.objects.filter(source=source, kind=kind, target=target).exists():
        errors["target"] = _("This relation is already recorded.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    with transaction.atomic():
        relation = LegalRelation.objects.create(
            source=source, kind=kind, target=target, note=note.strip()[:300]
        )
        changes: dict[str, Any] = {
            "source": source.symbol,
            "kind": kind,
            "target": target.symbol,
        }
        if kind in _ENDING and target.status != DocumentStatus.NO_LONGER_IN_FORCE:
            ended = source.effective_date or source.issue_date
            changes["target_status"] = [target.status, DocumentStatus.NO_LONGER_IN_FORCE]
            target.status = DocumentStatus.NO_LONGER_IN_FORCE
            target.end_date = target.end_date or ended
            target.save(update_fields=["status", "end_date", "updated_at"])
        activity_record(actor=actor, verb="legal_relation.added", target=source, changes=changes)
        if kind in _CHANGING:
            law_changed(
                document=target,
                reason=f"{RELATION_INVERSE_LABELS[kind]} {source.symbol}",
                actor=actor,
                effective_on=source.effective_date or source.issue_date,
            )
    return relation


def legal_relation_remove(*, relation: LegalRelation, actor: Any) -> None:
    """Remove a relation recorded by mistake (the acted-on document's status stays as it is:
    change it on its own record if the mistake ended it)."""
    if not may_edit_legal(actor, relation.source.province_id):
        raise PermissionDenied(_("You may not change documents of this province."))
    with transaction.atomic():
        activity_record(
            actor=actor,
            verb="legal_relation.removed",
            target=relation.source,
            changes={
                "source": relation.source.symbol,
                "kind": relation.kind,
                "target": relation.target.symbol,
            },
        )
        relation.delete()
