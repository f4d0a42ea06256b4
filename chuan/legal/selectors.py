"""Reads of the legal library: search ignoring diacritics, browsing by type, issuer and
status, a document's relations both ways, and everything in Chuẩn that cites it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from chuan.core.text import fold, search_tokens
from chuan.legal.choices import DocumentStatus, ShownStatus
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.symbols import SymbolError, parse_symbol


def with_current_status(documents: QuerySet[LegalDocument]) -> QuerySet[LegalDocument]:
    """`documents` with their status today as `current_status_db`, for filtering and
    counting in SQL (the same rule as `LegalDocument.current_status`)."""
    return documents.annotate(
        current_status_db=Case(
            When(
                Q(effective_date__gt=timezone.localdate())
                & ~Q(status=DocumentStatus.NO_LONGER_IN_FORCE),
                then=Value(ShownStatus.NOT_YET_IN_FORCE),
            ),
            default=F("status"),
            output_field=CharField(),
        )
    )


def current_status_is(status: str) -> Q:
    """The documents whose status today is `status` (a `ShownStatus` value)."""
    not_yet = Q(effective_date__gt=timezone.localdate()) & ~Q(
        status=DocumentStatus.NO_LONGER_IN_FORCE
    )
    if status == ShownStatus.NOT_YET_IN_FORCE:
        return not_yet
    return Q(status=status) & ~not_yet


def legal_document_list(
    *,
    query: str = "",
    kind: str = "",
    status: str = "",
    issuer: str = "",
    year: int | None = None,
) -> QuerySet[LegalDocument]:
    """Legal documents matching every word of `query` (at a word's start, without
    diacritics: "nd 61" finds 61/2018/NĐ-CP) and the filters, newest first."""
    documents = with_current_status(LegalDocument.objects.all())
    for token in search_tokens(query):
        documents = documents.filter(search_text__contains=f" {token}")
    if kind:
        documents = documents.filter(kind=kind)
    if status:
        documents = documents.filter(current_status_is(status))
    if issuer:
        documents = documents.filter(issuer=issuer)
    if year:
        documents = documents.filter(issue_date__year=year)
    tokens = search_tokens(query)
    if tokens:
        # A query naming a document by its symbol ranks it first: "nd 61", "61 nđ",
        # "61/2018" or "tt 3" all name 61/2018/NĐ-CP or 03/…/TT-…, however the parts are
        # ordered, ahead of newer documents that merely mention it in their titles.
        named = [
            pk
            for pk, symbol in documents.order_by().values_list("pk", "symbol")
            if symbol_named(symbol, tokens)
        ]
        documents = documents.annotate(
            symbol_first=Case(When(pk__in=named, then=0), default=1, output_field=IntegerField())
        )
        return documents.order_by("symbol_first", "-issue_date", "-id")
    return documents.order_by("-issue_date", "-id")


def _token_key(token: str) -> str:
    return str(int(token)) if token.isdigit() else token  # "07" and "7" are the same number


def symbol_named(symbol: str, tokens: list[str]) -> bool:
    """Whether the folded query `tokens` name the document of `symbol`: its number is among
    them and every one of them is a part of the symbol (the kind's abbreviation folded,
    NĐ → nd, QĐ → qd)."""
    parts = [_token_key(part) for part in fold(symbol).split()]
    if not parts:
        return False
    wanted = {_token_key(token) for token in tokens}
    return parts[0] in wanted and wanted <= set(parts)


def legal_facets(documents: QuerySet[LegalDocument]) -> dict[str, list[tuple[str, int]]]:
    """Counts by type, status and issuer (the 12 commonest) of the documents shown."""
    if "current_status_db" not in documents.query.annotations:
        documents = with_current_status(documents)
    plain = documents.order_by()
    facets: dict[str, list[tuple[str, int]]] = {}
    for name, column, limit in (
        ("kind", "kind", 20),
        ("status", "current_status_db", 5),
        ("issuer", "issuer", 12),
    ):
        rows = [
            (row[column], row["count"])
            for row in plain.values(column).annotate(count=Count("pk")).order_by()
        ]
        # Equal counts in Vietnamese order (folded: "Ủy ban…" among the U's, not after Z).
        rows.sort(key=lambda item: (-item[1], fold(str(item[0])), item[0]))
        facets[name] = rows[:limit]
    return facets


def legal_document_get(*, pk: int) -> LegalDocument | None:
    return LegalDocument.objects.select_related("province", "created_by").filter(pk=pk).first()


def legal_relations(document: LegalDocument) -> tuple[list[LegalRelation], list[LegalRelation]]:
    """What the document acts on, and what acts on it."""
    outgoing = list(
        document.outgoing.select_related("target").order_by("kind", "target__issue_date")
    )
    incoming = list(
        document.incoming.select_related("source").order_by("kind", "source__issue_date")
    )
    return outgoing, incoming


@dataclass(frozen=True)
class Citation:
    """The objects of one kind that cite a legal document as their basis."""

    label: str
    count: int
    items: list[Model]


def legal_citations(document: LegalDocument, *, limit: int = 20) -> list[Citation]:
    """Everything in Chuẩn that names `document` as its legal basis, by kind. Every app
    that cites legal documents does so with a foreign key or a many-to-many field to
    `LegalDocument`, so the library finds them without knowing those apps."""
    groups = []
    for relation in LegalDocument._meta.related_objects:
        model: Any = relation.related_model
        if model is LegalRelation or relation.field.name in ("source", "target"):
            continue
        citing = model._default_manager.filter(**{relation.field.name: document}).distinct()
        count = citing.count()
        if count:
            groups.append(
                Citation(str(model._meta.verbose_name_plural), count, list(citing[:limit]))
            )
    return groups


def legal_document_by_symbol(text: str) -> list[LegalDocument]:
    """The documents with this symbol (read the way people type it), newest first."""
    try:
        symbol = parse_symbol(text)
    except SymbolError:
        return []
    return list(LegalDocument.objects.filter(symbol=symbol.text).order_by("-issue_date")[:10])
