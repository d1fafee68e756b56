from django.db import migrations

from core.publishing.permissions import DETAIL_ACTIONS, ENTRY_ACTIONS, grant_to_editors


def grant(apps, schema_editor):
    grant_to_editors(
        apps,
        app_label="funding",
        actions_by_model={"fundingscheme": ENTRY_ACTIONS, "award": DETAIL_ACTIONS},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("core", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
