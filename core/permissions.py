"""The editors' group and what it may do, granted app by app from each app's migrations."""

from django.contrib.auth.management import create_permissions

EDITORS_GROUP = "Éditeurs"


def grant_to_editors(apps, *, app_label, actions_by_model):
    """Give the editors' group the `actions` ("add", "change"…) on each model of `app_label`.

    Called from a data migration, where permissions may not exist yet: Django creates them only
    after the whole `migrate` command, so create this app's now.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for model_name, actions in actions_by_model.items():
        codenames = [f"{action}_{model_name}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


# Editors write entries but never delete them (they unpublish instead); they may delete the
# details inside an entry (a source, a key figure, an award), which inline editing needs.
ENTRY_ACTIONS = ("view", "add", "change")
DETAIL_ACTIONS = ("view", "add", "change", "delete")
