"""One search box over documents' codes, titles and the words of their files, ignoring
diacritics and case, ranked, with the hit shown in context.

Both sides are folded (`core.text.fold`), so "quy trinh danh gia" finds "Quy trình đánh
giá". The index is the engine's own full-text search: on PostgreSQL `to_tsvector('simple')`
kept in a generated column with a GIN index, on SQLite the FTS5 table `documents_fts`;
`search_ids` is the one selector in front of both.
"""

import re
from collections.abc import Iterable

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chuan.core.text import fold, search_tokens
from chuan.documents.choices import RevisionState
from chuan.documents.models import ControlledDocument

BODY_LIMIT = 200_000
FTS_TABLE = "documents_fts"


def document_body(document: ControlledDocument) -> str:
    """The text a document is found by: code, title and the words of its newest file
    (the newest approved edition's, else the newest edition's)."""
    revisions = document.revisions.order_by("-edition").only("state", "file_text")
    newest = next((r for r in revisions if r.state == RevisionState.APPROVED), None) or (
        revisions.first()
    )
    text = newest.file_text if newest else ""
    return f"{document.code} {document.title} {text}"[:BODY_LIMIT]


def index_document(document: ControlledDocument) -> None:
    """Refresh the document's entry in the search index (in the caller's transaction)."""
    folded = f" {fold(document_body(document))} "
    ControlledDocument.objects.filter(pk=document.pk).update(search_text=folded)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)",  # noqa: S608
                [document.pk, folded],
            )


def search_ids(query: str, *, within: Iterable[int] | None = None, limit: int = 200) -> list[int]:
    """Ids of the documents matching every word of `query`, best first."""
    tokens = search_tokens(query)
    if not tokens:
        return []
    allowed = set(within) if within is not None else None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM documents_controlleddocument "
                "WHERE search_vector @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id LIMIT %s",
                [" & ".join(f"{t}:*" for t in tokens)] * 2 + [limit * 5],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}), rowid LIMIT %s",
                [" AND ".join(f'"{t}"*' for t in tokens), limit * 5],
            )
        ids = [row[0] for row in cursor.fetchall()]
    if allowed is not None:
        ids = [pk for pk in ids if pk in allowed]
    return ids[:limit]


def highlight(text: str, query: str, *, width: int = 90) -> SafeString:
    """A passage of `text` around the first word that matches, with the matches marked; the
    original spelling (diacritics included) is kept."""
    tokens = search_tokens(query)
    words = list(re.finditer(r"\w+", text))
    hits = [i for i, w in enumerate(words) if any(fold(w.group()).startswith(t) for t in tokens)]
    if not hits:
        return mark_safe(escape(text[:width]))  # noqa: S308 - escaped above
    start = max(0, words[hits[0]].start() - width // 3)
    end = min(len(text), start + width)
    parts: list[str] = []
    cursor = start
    for index in hits:
        word = words[index]
        if word.start() < start or word.end() > end:
            continue
        parts.append(escape(text[cursor : word.start()]))
        parts.append(f"<mark>{escape(word.group())}</mark>")
        cursor = word.end()
    parts.append(escape(text[cursor:end]))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece escaped
