from django.db import migrations

from core.publishing.permissions import grant_to_reviewers


def grant(apps, schema_editor):
    # Reviewers edit tags, sources and key figures as editors do.
    grant_to_reviewers(apps, app_label="core", actions_by_model={})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_search_document"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
