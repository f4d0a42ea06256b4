from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_two_step_sign_in")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="access_version",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
