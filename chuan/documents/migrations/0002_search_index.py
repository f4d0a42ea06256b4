"""The full-text index of controlled documents: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts "
            "USING fts5(body, tokenize='unicode61')"
        )
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS documents_search_gin ON documents_controlleddocument "
            "USING gin (to_tsvector('simple', search_text))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS documents_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS documents_search_gin")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_controlled_documents")]
    operations = [migrations.RunPython(create, drop)]
