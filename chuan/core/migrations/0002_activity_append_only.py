"""Refuse UPDATE and DELETE on activity entries in the database itself."""

from typing import Any

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER core_activityentry_no_update BEFORE UPDATE ON core_activityentry
       BEGIN SELECT RAISE(ABORT, 'activity entries are append-only'); END""",
    """CREATE TRIGGER core_activityentry_no_delete BEFORE DELETE ON core_activityentry
       BEGIN SELECT RAISE(ABORT, 'activity entries are append-only'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_activityentry_no_update",
    "DROP TRIGGER IF EXISTS core_activityentry_no_delete",
]
POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION core_activityentry_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'activity entries are append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_activityentry_append_only BEFORE UPDATE OR DELETE
       ON core_activityentry FOR EACH ROW EXECUTE FUNCTION core_activityentry_refuse()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_activityentry_append_only ON core_activityentry",
    "DROP FUNCTION IF EXISTS core_activityentry_refuse()",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
