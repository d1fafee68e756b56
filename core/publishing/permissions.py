"""The editorial roles and what each may do, granted app by app from each app's migrations.

Two groups. « Éditeurs » write entries and submit them for review. « Relecteurs » may do all that
and also publish, unpublish and archive: they hold each content model's own `publish_<model>`
permission. A permission per model, rather than one for the whole atlas, is how Django names what
a user may do to a model (`add_actor`, `change_actor`…), what `ModelAdmin` checks for actions
(`permissions=["publish"]` calls `has_publish_permission`), and lets a site make someone a
reviewer of the trainings only. Only superusers delete entries and manage accounts.
"""

from collections.abc import Iterable, Mapping

from django.apps.registry import Apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model

from core.publishing.status import PublicationStatus

EDITORS_GROUP = "Éditeurs"
REVIEWERS_GROUP = "Relecteurs"
GROUPS_BY_ROLE = {"editor": EDITORS_GROUP, "reviewer": REVIEWERS_GROUP}

# Editors write entries but never delete them (they archive instead); they may delete the
# details inside an entry (a source, a key figure, an award), which inline editing needs.
ENTRY_ACTIONS = ("view", "add", "change")
DETAIL_ACTIONS = ("view", "add", "change", "delete")
# What reviewers hold beyond the editors' permissions, on each content model.
REVIEW_ACTIONS = ("publish",)


def grant(
    apps: Apps, *, group_name: str, app_label: str, actions_by_model: Mapping[str, Iterable[str]]
) -> None:
    """Give `group_name` the `actions` ("add", "publish"…) on each model of `app_label`.

    Called from a data migration, where permissions may not exist yet: Django creates them only
    after the whole `migrate` command, so create this app's now.
    """
    app_config = apps.get_app_config(app_label)
    # Any true value makes create_permissions() work; the stubs allow only a module.
    app_config.models_module = True  # type: ignore[assignment]
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for model_name, actions in actions_by_model.items():
        codenames = [f"{action}_{model_name}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def grant_to_editors(
    apps: Apps, *, app_label: str, actions_by_model: Mapping[str, Iterable[str]]
) -> None:
    """Give the editors' group the `actions` on each model of `app_label` (migrations 0002)."""
    grant(apps, group_name=EDITORS_GROUP, app_label=app_label, actions_by_model=actions_by_model)


def grant_to_reviewers(
    apps: Apps, *, app_label: str, actions_by_model: Mapping[str, Iterable[str]]
) -> None:
    """Give the reviewers' group the editors' permissions of `app_label`, and the `actions`."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    reviewers.permissions.add(
        *Permission.objects.filter(group=editors, content_type__app_label=app_label)
    )
    grant(apps, group_name=REVIEWERS_GROUP, app_label=app_label, actions_by_model=actions_by_model)


def publish_permission(model: type[Model]) -> str:
    """The full name of the permission to publish, unpublish and archive entries of `model`."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename('publish', opts)}"


def can_publish(user: User | AnonymousUser, model: type[Model]) -> bool:
    return user.has_perm(publish_permission(model))


def must_propose(
    *, user: User | AnonymousUser, model: type[Model], stored_status: str | None
) -> bool:
    """Whether `user`'s change to an entry whose stored status is `stored_status` must wait."""
    return stored_status == PublicationStatus.PUBLISHED and not can_publish(user, model)
