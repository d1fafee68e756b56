"""Revisions in the back-office: the history page of every content model, and reverting."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic, to_historic

from core.models import Entry, KeyFigure, Source
from core.publishing.history import ReadableChanges, changes_between, record_revision

DETAIL_REVISIONS_SHOWN = 50

# As core.admin.mixins.ModelAdminMixin, which this module may not import: core.admin imports it.
if TYPE_CHECKING:
    ModelAdminMixin = admin.ModelAdmin
else:
    ModelAdminMixin = object


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's history page and revert, with the changes written for editors."""

    object_history_template = "admin/atlas_history.html"
    object_history_list_template = "admin/atlas_history_list.html"
    object_history_form_template = "admin/atlas_revert.html"

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Model
    ) -> ReadableChanges:
        return ReadableChanges(self.model, historical_record)

    def set_history_delta_changes(
        self,
        request: HttpRequest,
        historical_records: QuerySet[Any],
        foreign_keys_are_objs: bool = True,
    ) -> None:
        # Newest first: each revision is compared with the one before it.
        newer = None
        for older in historical_records:
            if newer is not None:
                helper = self.get_historical_record_context_helper(request, newer)
                newer.history_delta_changes = helper.context_for_delta_changes(
                    changes_between(newer, older)
                )
            newer = older


class EntryHistoryAdminMixin(ModelAdminMixin):
    """One revision per save of an entry, written once its relations and tags are saved too.

    simple-history writes a revision when the row is saved, and another each time a
    many-to-many relation changes; the admin saves the row first, then the relations and the
    tags. Here the row's own revision is held back and written when Django logs the change,
    which it does last, after the relations: one revision, complete.
    """

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: Any) -> None:
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def log_addition(self, request: HttpRequest, obj: Entry, message: Any) -> LogEntry:
        self._write_revision(request, obj, "+")
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Entry, message: Any) -> LogEntry:
        self._write_revision(request, obj, "~")
        return super().log_change(request, obj, message)

    def _write_revision(self, request: HttpRequest, obj: Any, history_type: str) -> None:
        if not hasattr(obj, "skip_history_when_saving"):
            return
        del obj.skip_history_when_saving
        reason = None
        with transaction.atomic():
            if is_historic(obj):
                moment = timezone.localtime(to_historic(obj).history_date)
                restore_details(obj, moment)
                reason = _("Retour à la version du %(date)s") % {
                    "date": formats.date_format(moment, "DATETIME_FORMAT")
                }
            record_revision(obj, user=request.user, history_type=history_type, reason=reason)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        content_type = ContentType.objects.get_for_model(self.model)
        details = [
            (model._meta.verbose_name_plural, revisions)
            for model in (Source, KeyFigure)
            if (
                revisions := list(
                    model.history.filter(content_type=content_type, object_id=object_id)
                    .select_related("history_user")
                    .order_by("-history_date")[:DETAIL_REVISIONS_SHOWN]
                )
            )
        ]
        extra_context = {**(extra_context or {}), "detail_revisions": details}
        return super().history_view(request, object_id, extra_context)


def restore_details(entry: Entry, moment: datetime) -> None:
    """Give `entry` back the sources and key figures it had at `moment`, as a revert should.

    simple-history's revert restores the entry's own fields; its sources and key figures have
    revisions of their own. Those added since are deleted, those deleted or changed since are
    saved again as they were, with their ids; each change is recorded as a revision of its own.
    """
    whose = {"content_type": ContentType.objects.get_for_model(entry), "object_id": entry.pk}
    for model in (Source, KeyFigure):
        revisions = model.history.filter(**whose, history_date__lte=moment)
        then = {detail.pk: detail for detail in revisions.latest_of_each().as_instances()}
        now = {detail.pk: detail for detail in model.objects.filter(**whose)}
        for pk, detail in now.items():
            if pk not in then:
                detail.delete()
        for pk, detail in then.items():
            if pk not in now or _field_values(now[pk]) != _field_values(detail):
                detail.save()


def _field_values(instance: Model) -> list[Any]:
    return [getattr(instance, field.attname) for field in instance._meta.concrete_fields]
