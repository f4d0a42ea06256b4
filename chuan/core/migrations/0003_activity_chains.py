"""One activity chain per agency instead of one for the whole system.

Entries already written keep no chain: they stay the one chain they were written in, which
`verify_activity` still walks from the genesis hash to its head (the existing head row, whose
chain is none). Every new chain starts from that head's last hash, so the old chain cannot
be cut short unnoticed either. Nullable columns without a default: no row is rewritten
(the entries' table refuses updates) and SQLite adds them in place, keeping its triggers.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_activity_append_only")]

    operations = [
        migrations.AddField(
            model_name="activityentry",
            name="chain",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="activitychainhead",
            name="chain",
            field=models.BigIntegerField(blank=True, null=True, unique=True),
        ),
    ]
