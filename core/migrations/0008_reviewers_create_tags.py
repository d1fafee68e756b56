from django.db import migrations

from core.publishing.permissions import EDITORS_GROUP


def take_back(apps, schema_editor):
    # A new tag is shared by every entry and has a public page: reviewers create them, editors
    # choose among them (core.admin.tags).
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    add_tag = Permission.objects.filter(content_type__app_label="core", codename="add_tag")
    for group in Group.objects.filter(name=EDITORS_GROUP):
        group.permissions.remove(*add_tag)


def give_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    add_tag = Permission.objects.filter(content_type__app_label="core", codename="add_tag")
    for group in Group.objects.filter(name=EDITORS_GROUP):
        group.permissions.add(*add_tag)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_pending_change"),
    ]

    operations = [migrations.RunPython(take_back, give_back)]
