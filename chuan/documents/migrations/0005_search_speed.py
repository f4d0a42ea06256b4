"""Search ranks a match in a document's code or title above one only in its file text, and
ranks a bounded pool of matches. `search_text` keeps the folded code and title (the head)
apart from the folded file text by a '|'. On PostgreSQL `search_vector` weighs the head 'A'
and the small `search_head` (GIN index) finds head matches alone; on SQLite the FTS5 table
gets a head and a body column."""

from django.db import migrations

from chuan.core.text import fold

MARK = "|"


def split_search_text(apps, schema_editor):
    """Rewrite every stored text as " head | body " (the old one is " head body ")."""
    documents = apps.get_model("documents", "ControlledDocument").objects
    changed = []
    for document in documents.only("code", "title", "search_text").iterator(2000):
        head = fold(f"{document.code} {document.title}")
        text = document.search_text.strip()
        if text == head or text.startswith(f"{head} "):
            text = text[len(head) :]
        document.search_text = f" {head} {MARK} {text.strip()} "
        changed.append(document)
        if len(changed) == 2000:
            documents.bulk_update(changed, ["search_text"])
            changed.clear()
    documents.bulk_update(changed, ["search_text"])


def join_search_text(schema_editor):
    schema_editor.execute(
        "UPDATE documents_controlleddocument SET search_text = replace(search_text, ' | ', ' ')"
    )


def postgres_forwards(apps, schema_editor):
    # Dropped before the rewrite so PostgreSQL does not recompute the old vectors.
    schema_editor.execute("DROP INDEX IF EXISTS documents_search_vector_gin")
    schema_editor.execute(
        "ALTER TABLE documents_controlleddocument DROP COLUMN IF EXISTS search_vector"
    )
    split_search_text(apps, schema_editor)
    schema_editor.execute(
        "ALTER TABLE documents_controlleddocument ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple', split_part(search_text, '|', 1)), 'A') || "
        "to_tsvector('simple', split_part(search_text, '|', 2))) STORED"
    )
    schema_editor.execute(
        "ALTER TABLE documents_controlleddocument ADD COLUMN search_head tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', split_part(search_text, '|', 1))) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX documents_search_vector_gin "
        "ON documents_controlleddocument USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX documents_search_head_gin "
        "ON documents_controlleddocument USING gin (search_head)"
    )


def postgres_backwards(schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS documents_search_head_gin")
    schema_editor.execute("DROP INDEX IF EXISTS documents_search_vector_gin")
    schema_editor.execute("ALTER TABLE documents_controlleddocument DROP COLUMN search_head")
    schema_editor.execute("ALTER TABLE documents_controlleddocument DROP COLUMN search_vector")
    join_search_text(schema_editor)
    schema_editor.execute(
        "ALTER TABLE documents_controlleddocument ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX documents_search_vector_gin "
        "ON documents_controlleddocument USING gin (search_vector)"
    )


def sqlite_forwards(apps, schema_editor):
    split_search_text(apps, schema_editor)
    schema_editor.execute("DROP TABLE IF EXISTS documents_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(head, body, tokenize='unicode61')"
    )
    schema_editor.execute(
        "INSERT INTO documents_fts(rowid, head, body) "
        "SELECT id, substr(search_text, 1, instr(search_text, '|') - 1), "
        "substr(search_text, instr(search_text, '|') + 1) FROM documents_controlleddocument"
    )


def sqlite_backwards(schema_editor):
    join_search_text(schema_editor)
    schema_editor.execute("DROP TABLE IF EXISTS documents_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(body, tokenize='unicode61')"
    )
    schema_editor.execute(
        "INSERT INTO documents_fts(rowid, body) "
        "SELECT id, search_text FROM documents_controlleddocument"
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        postgres_forwards(apps, schema_editor)
    elif vendor == "sqlite":
        sqlite_forwards(apps, schema_editor)
    else:
        split_search_text(apps, schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        postgres_backwards(schema_editor)
    elif vendor == "sqlite":
        sqlite_backwards(schema_editor)
    else:
        join_search_text(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_review_answers")]
    operations = [migrations.RunPython(forwards, backwards)]
