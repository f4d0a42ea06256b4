"""One search box over documents' codes, titles and the words of their files, ignoring
diacritics and case, ranked, with the hit shown in context.

Both sides are folded (`core.text.fold`), so "quy trinh danh gia" finds "Quy trình đánh
giá". A document's `search_text` keeps its folded code and title (the head) apart from its
folded file text by `HEAD_MARK`. The index is the engine's own full-text search: on
PostgreSQL two generated `tsvector` columns with GIN indexes, `search_vector` (every word,
the head's weighted 'A') and the small `search_head`; on SQLite the FTS5 table
`documents_fts` with a head and a body column. `search_ids` is the one selector in front of
both.
"""

import math
import re
import time
from collections.abc import Iterable

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chuan.core.text import fold, search_tokens
from chuan.documents.choices import RevisionState
from chuan.documents.models import ControlledDocument

BODY_LIMIT = 200_000
FTS_TABLE = "documents_fts"
# `fold` only ever emits letters, digits and spaces, so this cannot occur in either part.
# PostgreSQL's generated columns (migration 0005) split on the same character.
HEAD_MARK = "|"
# How many matches (the oldest first through GIN; the newest first for common words, see
# WALK_SHARE) each tier ranks at most. Ranking a match costs
# far more than finding it (PostgreSQL reads the whole vector out of TOAST for ts_rank), so
# a query that nearly every document matches would otherwise rank 100,000 of them.
POOL = 1000
# On PostgreSQL, words that a large share of documents hold (WALK_SHARE or more) are looked
# for by reading the newest documents until the pool is full, at most WALK_WINDOW of them,
# rather than through GIN, whose cost grows with every document matching. How often words
# occur is read from pg_stats again every SHARES_SECONDS.
WALK_SHARE = 0.25
WALK_WINDOW = 10_000
SHARES_SECONDS = 600
# SQLite's bm25 weights for the head and body columns: a code or title word counts ten times.
HEAD_WEIGHT = 10.0
BODY_WEIGHT = 1.0


def document_head(document: ControlledDocument) -> str:
    """The words that name a document: its code and title."""
    return f"{document.code} {document.title}"


def document_text(document: ControlledDocument) -> str:
    """The words of the document's newest file (the newest approved edition's, else the
    newest edition's)."""
    revisions = document.revisions.order_by("-edition").only("state", "file_text")
    newest = next((r for r in revisions if r.state == RevisionState.APPROVED), None) or (
        revisions.first()
    )
    return newest.file_text if newest else ""


def indexed_text(head: str, text: str) -> str:
    """The `search_text` kept for a document: folded head, `HEAD_MARK`, folded file text."""
    return f" {fold(head)} {HEAD_MARK} {fold(text[:BODY_LIMIT])} "


def index_document(document: ControlledDocument) -> None:
    """Refresh the document's entry in the search index (in the caller's transaction)."""
    text = indexed_text(document_head(document), document_text(document))
    ControlledDocument.objects.filter(pk=document.pk).update(search_text=text)
    if connection.vendor == "sqlite":
        head, _, body = text.partition(HEAD_MARK)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, head, body) VALUES (%s, %s, %s)",  # noqa: S608
                [document.pk, head, body],
            )


def rebuild_index() -> None:
    """Refill SQLite's FTS5 table from every document's `search_text`, for loads that
    bypass `index_document`; PostgreSQL's generated columns need nothing."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, head, body) "  # noqa: S608
            "SELECT id, substr(search_text, 1, instr(search_text, %s) - 1), "
            "substr(search_text, instr(search_text, %s) + 1) "
            "FROM documents_controlleddocument",
            [HEAD_MARK, HEAD_MARK],
        )


def search_ids(
    query: str, *, agency_ids: Iterable[int] | None = None, limit: int = 200
) -> list[int]:
    """Ids of the documents matching every word of `query` (as a prefix), best first.

    Only documents of `agency_ids` are searched, when given (the reader's own agency, or the
    agencies of their province), so the bound below applies within what they may see.
    Documents whose code or title hold every word come first, then those that need their
    file text too; each tier is ordered by the engine's relevance, in which code and title
    words weigh most. Each tier ranks only `POOL` (or `limit`, if more) of its matches: the
    oldest, or on PostgreSQL the newest for words most documents hold; when more match, the
    rest are not shown, which keeps a query that nearly every document matches fast (under
    100 ms at a million documents: docs/architecture.md, "Scale").
    """
    tokens = search_tokens(query)
    agencies = sorted(set(agency_ids)) if agency_ids is not None else None
    if not tokens or agencies == []:
        return []
    pool = max(POOL, limit)
    head = _ranked(tokens, in_head=True, agencies=agencies, pool=pool, count=limit)
    seen = set(head)
    rest = _ranked(tokens, in_head=False, agencies=agencies, pool=pool, count=limit)
    return (head + [pk for pk in rest if pk not in seen])[:limit]


def _ranked(
    tokens: list[str], *, in_head: bool, agencies: list[int] | None, pool: int, count: int
) -> list[int]:
    """The best `count` ids among the first `pool` documents (of `agencies`, if given)
    holding every token in their head (`in_head`) or anywhere."""
    ranked = _postgres_ranked if connection.vendor == "postgresql" else _sqlite_ranked
    return ranked(tokens, in_head=in_head, agencies=agencies, pool=pool, count=count)


def _agency_filter(agencies: list[int] | None, column: str) -> tuple[str, list[int]]:
    if agencies is None:
        return "", []
    return f" AND {column} IN ({', '.join(['%s'] * len(agencies))})", agencies


def _postgres_ranked(
    tokens: list[str], *, in_head: bool, agencies: list[int] | None, pool: int, count: int
) -> list[int]:
    column = "search_head" if in_head else "search_vector"
    tsquery = " & ".join(f"{t}:*" for t in tokens)
    share = _matching_share(tokens, column)
    if share >= WALK_SHARE:
        found = _postgres_walk(column, tsquery, agencies, pool, count, share)
        if len(found) >= count:
            return found
    scope, scope_params = _agency_filter(agencies, "agency_id")
    # GIN answers only with the bitmap of every match; without an ORDER BY the scan of the
    # table stops at the pool's last row (in the table's order, the oldest first) instead
    # of reading, and rechecking, every match.
    sql = (
        "SELECT id FROM (SELECT id, search_vector FROM documents_controlleddocument "  # noqa: S608
        f"WHERE {column} @@ to_tsquery('simple', %s){scope} LIMIT %s) pooled "
        "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery, *scope_params, pool, tsquery, count])
        return [row[0] for row in cursor.fetchall()]


def _postgres_walk(
    column: str,
    tsquery: str,
    agencies: list[int] | None,
    pool: int,
    count: int,
    share: float,
) -> list[int]:
    """The best `count` among the newest `pool` matches, found by reading the newest
    documents in key order until enough match: for words in a large share of documents,
    where GIN would collect every one of their hundreds of thousands of matches first."""
    scope, scope_params = _agency_filter(agencies, "agency_id")
    window = min(WALK_WINDOW, math.ceil(pool / share * 1.5))
    sql = (
        "SELECT id FROM (SELECT id, search_vector FROM ("  # noqa: S608
        f"SELECT id, search_vector, {column} AS probe FROM documents_controlleddocument "
        f"WHERE TRUE{scope} ORDER BY id DESC LIMIT %s) recent "
        "WHERE probe @@ to_tsquery('simple', %s) ORDER BY id DESC LIMIT %s) pooled "
        "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*scope_params, window, tsquery, pool, tsquery, count])
        return [row[0] for row in cursor.fetchall()]


_SHARES: dict[str, tuple[float, dict[str, float]]] = {}


def _matching_share(tokens: list[str], column: str) -> float:
    """The share of documents estimated to hold every token (as a word prefix) in
    `column`, from the frequencies of the most common words that ANALYZE (autovacuum)
    keeps in `pg_stats`; 0 when they are unknown or the words are not among them."""
    now = time.monotonic()
    cached = _SHARES.get(column)
    if cached is None or now - cached[0] > SHARES_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs "
                "FROM pg_stats WHERE tablename = 'documents_controlleddocument' "
                "AND attname = %s",
                [column],
            )
            row = cursor.fetchone()
        words = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        cached = (now, words)
        _SHARES[column] = cached
    words = cached[1]
    share = 1.0
    for token in tokens:
        # Words sharing the prefix overlap: their largest share is a floor, their sum a
        # ceiling; the mean of both is near enough to choose the way to search.
        shares = [freq for word, freq in words.items() if word.startswith(token)]
        if not shares:
            return 0.0
        share *= min(1.0, (max(shares) + sum(shares)) / 2)
    return share


def _sqlite_ranked(
    tokens: list[str], *, in_head: bool, agencies: list[int] | None, pool: int, count: int
) -> list[int]:
    match = " AND ".join(f'"{t}"*' for t in tokens)
    if in_head:
        match = f"head : ({match})"
    scope, scope_params = _agency_filter(agencies, "d.agency_id")
    join = " JOIN documents_controlleddocument d ON d.id = f.rowid" if scope else ""
    # One MATCH that scores its pool: FTS5 merges a prefix's terms and counts each word's
    # documents for bm25 afresh in every statement, and that is most of the cost.
    sql = (
        f"SELECT f.rowid, bm25({FTS_TABLE}, %s, %s) FROM {FTS_TABLE} f{join} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s{scope} ORDER BY f.rowid LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [HEAD_WEIGHT, BODY_WEIGHT, match, *scope_params, pool])
        scored = cursor.fetchall()
    # bm25 is lower for better matches.
    return [pk for pk, _ in sorted(scored, key=lambda row: (row[1], row[0]))[:count]]


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
