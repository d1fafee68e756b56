from django.db import migrations

from core.publishing.permissions import ENTRY_ACTIONS, grant_to_editors


def grant(apps, schema_editor):
    grant_to_editors(apps, app_label="ecosystem", actions_by_model={"actor": ENTRY_ACTIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem", "0001_initial"),
        ("core", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
