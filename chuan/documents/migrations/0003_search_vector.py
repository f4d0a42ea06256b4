"""On PostgreSQL, keep the parsed text beside the document (a generated column) so ranking
reads it instead of parsing every match again; the GIN index moves to it."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS documents_search_gin")
        schema_editor.execute(
            "ALTER TABLE documents_controlleddocument ADD COLUMN IF NOT EXISTS search_vector "
            "tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS documents_search_vector_gin "
            "ON documents_controlleddocument USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS documents_search_vector_gin")
        schema_editor.execute(
            "ALTER TABLE documents_controlleddocument DROP COLUMN IF EXISTS search_vector"
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_index")]
    operations = [migrations.RunPython(create, drop)]
