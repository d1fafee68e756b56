from django.db import migrations

from core.publishing.permissions import DETAIL_ACTIONS, grant_to_editors


def grant(apps, schema_editor):
    grant_to_editors(
        apps,
        app_label="core",
        actions_by_model={
            "tag": DETAIL_ACTIONS,
            "taggedentry": DETAIL_ACTIONS,
            "source": DETAIL_ACTIONS,
            "keyfigure": DETAIL_ACTIONS,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
