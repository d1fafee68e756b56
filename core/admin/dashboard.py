"""What the back-office's home page tells editors: where entries stand, what changed, what waits."""

from dataclasses import dataclass
from datetime import datetime
from heapq import merge
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from core.admin.workflow import months_before
from core.models import Entry, PublicationStatus
from core.publishing.models import PendingChange
from core.publishing.permissions import can_publish
from core.registry import content_models

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

RECENT_CHANGES = 12
AWAITING_REVIEW = 10
OWN_DRAFTS = 10
STALE_MONTHS = 12


@dataclass(frozen=True)
class StatusCount:
    label: "StrOrPromise"
    count: int
    url: str


@dataclass(frozen=True)
class KindSummary:
    """One kind of entry: how many there are in each status, each linked to its list."""

    name: "StrOrPromise | None"
    url: str
    total: int
    statuses: list[StatusCount]
    scheduled: StatusCount
    stale: StatusCount


@dataclass(frozen=True)
class Change:
    when: datetime
    author: str
    action: str
    label: str
    url: str


def _may_view(user: User, model: type[Model]) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")


def _changelist(model: type[Model], **filters: str | int) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def kind_summaries(user: User) -> list[KindSummary]:
    """Counts per status of each kind of entry `user` may see: one query per kind."""
    now = timezone.now()
    published = Q(status=PublicationStatus.PUBLISHED)
    summaries = []
    for model in content_models():
        if not _may_view(user, model):
            continue
        counts = model.objects.aggregate(
            total=Count("pk"),
            scheduled=Count("pk", filter=published & Q(publish_at__gt=now)),
            stale=Count(
                "pk",
                filter=Q(reviewed_at__isnull=True)
                | Q(reviewed_at__lt=months_before(now, STALE_MONTHS)),
            ),
            **{status.value: Count("pk", filter=Q(status=status)) for status in PublicationStatus},
        )
        summaries.append(
            KindSummary(
                name=model._meta.verbose_name_plural,
                url=_changelist(model),
                total=counts["total"],
                statuses=[
                    StatusCount(
                        status.label, counts[status.value], _changelist(model, status__exact=status)
                    )
                    for status in PublicationStatus
                ],
                scheduled=StatusCount(
                    "", counts["scheduled"], _changelist(model, status__exact="published")
                ),
                stale=StatusCount("", counts["stale"], _changelist(model, a_revoir=STALE_MONTHS)),
            )
        )
    return summaries


def recent_changes(user: User, *, size: int = RECENT_CHANGES) -> list[Change]:
    """The latest revisions of every kind of content `user` may see, newest first."""
    # Every model the back-office edits and keeps revisions of, whatever app it comes from.
    models = [
        model
        for model in admin.site._registry
        if hasattr(model._meta, "simple_history_manager_attribute") and _may_view(user, model)
    ]
    streams = [
        # simple-history's manager, on each model it keeps revisions of.
        model.history.select_related("history_user").order_by("-history_date")[:size]  # type: ignore[attr-defined]
        for model in models
    ]
    revisions = islice(merge(*streams, key=lambda record: record.history_date, reverse=True), size)
    return [_change(record) for record in revisions]


def _change(record: Any) -> Change:
    opts = record.instance_type._meta
    return Change(
        when=record.history_date,
        author=str(record.history_user or "—"),
        action=record.get_history_type_display(),
        label=f"{opts.verbose_name.capitalize()} « {record.history_object} »",
        url=reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.id]),
    )


def awaiting_review(
    user: User, *, size: int = AWAITING_REVIEW
) -> list[tuple[Entry, "StrOrPromise | None", str]]:
    """Entries submitted for review, the longest waiting first, with a link to each."""
    entries = []
    for model in content_models():
        if not _may_view(user, model):
            continue
        opts = model._meta
        for entry in model.objects.filter(status=PublicationStatus.REVIEW).order_by("updated_at")[
            :size
        ]:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
            entries.append((entry, opts.verbose_name, url))
    return sorted(entries, key=lambda item: item[0].updated_at)[:size]


@dataclass(frozen=True)
class Proposal:
    """A working copy waiting for a reviewer, as the dashboard lists it."""

    label: str
    kind: "StrOrPromise | None"
    author: str
    when: datetime
    url: str


def is_reviewer(user: User) -> bool:
    return any(can_publish(user, model) for model in content_models())


def pending_changes(user: User, *, size: int = AWAITING_REVIEW) -> list[Proposal]:
    """Working copies awaiting review, the longest waiting first: all of them for a reviewer,
    an editor's own for an editor. One query, and one per kind of entry for the entries."""
    content_types = [
        ContentType.objects.get_for_model(model)
        for model in content_models()
        if _may_view(user, model)
    ]
    changes = PendingChange.objects.filter(content_type__in=content_types)
    if not is_reviewer(user):
        changes = changes.filter(proposed_by=user)
    changes = changes.select_related("proposed_by", "content_type").prefetch_related("entry")
    return [
        Proposal(
            label=str(change.entry),
            # A content type of content_models(): its model is installed.
            kind=change.content_type.model_class()._meta.verbose_name,  # type: ignore[union-attr]
            author=str(change.proposed_by or "—"),
            when=change.proposed_at,
            url=reverse(
                f"admin:{change.content_type.app_label}_{change.content_type.model}_working_copy",
                args=[change.object_id],
            ),
        )
        for change in changes.order_by("proposed_at")[:size]
    ]


def own_drafts(
    user: User, *, size: int = OWN_DRAFTS
) -> list[tuple[Entry, "StrOrPromise | None", str]]:
    """The drafts `user` created, the latest changed first: one query per kind of entry."""
    entries = []
    for model in content_models():
        if not _may_view(user, model):
            continue
        # simple-history's manager, on each kind of entry.
        history = model.history
        created = history.filter(history_type="+", history_user=user).values("id")
        opts = model._meta
        for entry in model.objects.filter(status=PublicationStatus.DRAFT, pk__in=created).order_by(
            "-updated_at"
        )[:size]:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
            entries.append((entry, opts.verbose_name, url))
    return sorted(entries, key=lambda item: item[0].updated_at, reverse=True)[:size]
