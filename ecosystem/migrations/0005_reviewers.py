from django.db import migrations
from django.db.models import F

from core.publishing.permissions import REVIEW_ACTIONS, grant_to_reviewers


def forwards(apps, schema_editor):
    grant_to_reviewers(apps, app_label="ecosystem", actions_by_model={"actor": REVIEW_ACTIONS})
    # Existing entries are drafts or published, values that keep their meaning in the new
    # workflow. A published entry was checked when it was published: its review dates from then.
    Actor = apps.get_model("ecosystem", "Actor")
    Actor.objects.filter(status="published", reviewed_at__isnull=True).update(
        reviewed_at=F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem", "0004_publication_workflow"),
        ("core", "0005_reviewers_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
