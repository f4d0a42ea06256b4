"""Reads of the legal library: search ignoring diacritics, browsing by type, issuer and
status, a document's relations both ways, and everything in Chuẩn that cites it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Model, QuerySet, When

from chuan.core.text import search_tokens
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.symbols import SymbolError, parse_symbol


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
    documents = LegalDocument.objects.all()
    for token in search_tokens(query):
        documents = documents.filter(search_text__contains=f" {token}")
    if kind:
        documents = documents.filter(kind=kind)
    if status:
        documents = documents.filter(status=status)
    if issuer:
        documents = documents.filter(issuer=issuer)
    if year:
        documents = documents.filter(issue_date__year=year)
    if query.strip():
        # A query that is the start of a symbol ("61/2018", "nd 61" does not) ranks that
        # document first: the symbol opens the search text.
        documents = documents.annotate(
            symbol_first=Case(
                When(search_text__startswith=f" {' '.join(search_tokens(query))}", then=0),
                default=1,
            )
        )
        return documents.order_by("symbol_first", "-issue_date", "-id")
    return documents.order_by("-issue_date", "-id")


def legal_facets(documents: QuerySet[LegalDocument]) -> dict[str, list[tuple[str, int]]]:
    """Counts by type, status and issuer (the 12 commonest) of the documents shown."""
    plain = documents.order_by()
    return {
        name: [
            (row[name], row["count"])
            for row in plain.values(name)
            .annotate(count=Count("pk"))
            .order_by("-count", name)[:limit]
        ]
        for name, limit in (("kind", 20), ("status", 5), ("issuer", 12))
    }


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
