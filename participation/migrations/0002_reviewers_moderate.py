from django.db import migrations

from core.publishing.permissions import REVIEWERS_GROUP, grant


def forwards(apps, schema_editor):
    # Reviewers moderate proposals: they see them and decide. Alert subscriptions hold
    # visitors' addresses and no one in the back-office needs them.
    grant(
        apps,
        group_name=REVIEWERS_GROUP,
        app_label="participation",
        actions_by_model={"proposal": ("view", "change")},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("core", "0005_reviewers_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
