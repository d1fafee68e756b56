"""The publication workflow: who may give an entry which status, and the bulk moves themselves.

Draft → in review → published → archived. Editors write drafts and submit them for review, and
may take a submission back to draft; reviewers (the `publish_<model>` permission) publish,
unpublish and archive. A reviewer who publishes an entry, or marks it as reviewed, dates its
review: editors list the entries whose review is getting old.

Every move saves each entry one by one rather than with `QuerySet.update()`: each then gets its
revision in the history (who, when, why), a new version number (so that a form opened before the
move cannot overwrite it), its search document and the invalidation of the cached pages.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.models import Entry, PublicationStatus, Tag
from core.publishing import permissions, working_copies
from core.publishing.permissions import can_publish

EDITOR_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.REVIEW)

# Why a revision was made, as the history shows it.
REASONS = {
    PublicationStatus.DRAFT: _("Repassée en brouillon"),
    PublicationStatus.REVIEW: _("Soumise à la relecture"),
    PublicationStatus.PUBLISHED: _("Publiée"),
    PublicationStatus.ARCHIVED: _("Archivée"),
}


def allowed_statuses(
    *, user: User | AnonymousUser, model: type[Entry], current: str | None = None
) -> list[PublicationStatus]:
    """The statuses `user` may give an entry of `model` whose status is `current`.

    `current` is None for an entry being created. An editor may not touch the status of a
    published or archived entry: taking it off the site is a reviewer's decision.
    """
    if can_publish(user, model):
        return list(PublicationStatus)
    if current is None or current in EDITOR_STATUSES:
        return list(EDITOR_STATUSES)
    return [PublicationStatus(current)]


def may_set_status(
    *, user: User | AnonymousUser, model: type[Entry], current: str | None, new: str
) -> bool:
    return new == current or new in allowed_statuses(user=user, model=model, current=current)


def may_schedule(
    *, user: User | AnonymousUser, model: type[Entry], current: str | None = None
) -> bool:
    """Whether `user` may change the publication dates of an entry whose status is `current`.

    On a published entry the dates decide what the public sees, so they are a reviewer's.
    """
    return can_publish(user, model) or current is None or current in EDITOR_STATUSES


@dataclass
class Outcome:
    """What a bulk move did: the entries it changed, and those it was not allowed to."""

    changed: list[Entry] = field(default_factory=list)
    refused: list[Entry] = field(default_factory=list)
    # Published entries whose change waits for a reviewer, as a working copy.
    proposed: list[Entry] = field(default_factory=list)


def _save(
    entry: Entry, *, user: User | AnonymousUser, reason: str | Promise, fields: list[str]
) -> None:
    entry._history_user = user
    entry._change_reason = str(reason)
    # updated_at is listed so that auto_now dates the change: lists stay sorted by freshness.
    entry.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def set_status(
    *, entries: Iterable[Entry], status: PublicationStatus, user: User | AnonymousUser
) -> Outcome:
    """Give each of `entries` the `status`, where `user` may; return what was done.

    Entries already in `status` are left as they are. Publishing dates the review.
    """
    outcome = Outcome()
    for entry in entries:
        if entry.status == status:
            continue
        if not may_set_status(user=user, model=type(entry), current=entry.status, new=status):
            outcome.refused.append(entry)
            continue
        entry.status = status
        fields = ["status"]
        if status == PublicationStatus.PUBLISHED:
            entry.reviewed_at = timezone.now()
            fields.append("reviewed_at")
        _save(entry, user=user, reason=REASONS[status], fields=fields)
        outcome.changed.append(entry)
    return outcome


@transaction.atomic
def mark_reviewed(*, entries: Iterable[Entry], user: User | AnonymousUser) -> Outcome:
    """Date the review of each of `entries` now (the reviewer has checked them)."""
    outcome = Outcome()
    now = timezone.now()
    for entry in entries:
        if not can_publish(user, type(entry)):
            outcome.refused.append(entry)
            continue
        entry.reviewed_at = now
        _save(entry, user=user, reason=_("Relue"), fields=["reviewed_at"])
        outcome.changed.append(entry)
    return outcome


@transaction.atomic
def add_tag(*, entries: Iterable[Entry], tag: Tag, user: User | AnonymousUser) -> Outcome:
    """Put `tag` on each of `entries` that lacks it."""
    outcome = Outcome()
    for entry in entries:
        if permissions.must_propose(user=user, model=type(entry), stored_status=entry.status):
            _propose_tag(entry, tag=tag, user=user, outcome=outcome)
            continue
        if tag in entry.tags.all():
            continue
        entry.tags.add(tag)
        # Saved after the tag, so that the revision records it and the version moves on.
        _save(entry, user=user, reason=_("Étiquette « %(tag)s » ajoutée") % {"tag": tag}, fields=[])
        outcome.changed.append(entry)
    return outcome


def _propose_tag(entry: Entry, *, tag: Tag, user: User | AnonymousUser, outcome: Outcome) -> None:
    """Add `tag` to the tags the working copy of the published `entry` proposes."""
    pending = working_copies.pending_change_of(entry)
    if pending is not None and "tags" in pending.proposed_values:
        names = pending.proposed_values["tags"]
    else:
        names = working_copies.tag_names(entry)
    if tag.name.casefold() in (name.casefold() for name in names):
        return
    working_copies.propose(entry=entry, user=user, fields=[], tags=[*names, tag.name])
    outcome.proposed.append(entry)
