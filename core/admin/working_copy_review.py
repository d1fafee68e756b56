"""Working copies in the changelist and on their own review page.

The changelist shows and filters the entries whose change waits for a reviewer; the review page
shows the working copy against the live version, with a preview, and publishes or discards it.
"""

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin.mixins import ModelAdminMixin
from core.images.renditions import entry_renditions
from core.models import Entry
from core.publishing import working_copies
from core.publishing.models import PendingChange
from core.publishing.permissions import can_publish
from core.publishing.review import proposed_changes

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The query string that shows staff an entry's public page as its working copy would make it.
PREVIEW_QUERY = "apercu=modification"


class PendingChangeFilter(admin.SimpleListFilter):
    """« Modification proposée »: the entries whose change waits for a reviewer, or not."""

    title = gettext_lazy("modification proposée")
    parameter_name = "modification_proposee"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, "StrOrPromise"]]:
        return [("oui", gettext_lazy("en attente de relecture")), ("non", gettext_lazy("aucune"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("oui", "non"):
            return queryset.filter(pending_changes__isnull=self.value() == "non")
        return queryset


def working_copy_url(model: type[Model], pk: object) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_working_copy", args=[pk])


class WorkingCopyReviewMixin(ModelAdminMixin):
    """The working copies of a model's entries: a column, a filter and a review page."""

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        view = self.admin_site.admin_view(self.working_copy_view)
        name = f"{opts.app_label}_{opts.model_name}_working_copy"
        # Before the admin's own: its catch-all « <id>/ » would take this address.
        return [
            path("<path:object_id>/modification-proposee/", view, name=name),
            *super().get_urls(),
        ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        content_type = ContentType.objects.get_for_model(self.model)
        pending = PendingChange.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_pending_change=Exists(pending))

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        # Beside the status, whatever columns each kind of entry chose.
        return _after_status(super().get_list_display(request), "pending_change")

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return _after_status(super().get_list_filter(request), PendingChangeFilter)

    @admin.display(description=gettext_lazy("modification proposée"))
    def pending_change(self, obj: Any) -> SafeString | None:
        if not obj.has_pending_change:
            return None
        return format_html(
            '<a href="{}">{}</a>', working_copy_url(self.model, obj.pk), _("à relire")
        )

    def working_copy_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Show the working copy against the live version; publish or discard it (POST)."""
        entry = self.model._default_manager.filter(pk=object_id).first()
        if entry is None or not self.has_view_or_change_permission(request, entry):
            raise Http404
        pending = working_copies.pending_change_of(entry)
        opts = self.model._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
        if pending is None:
            self.message_user(
                request, _("Aucune modification n'attend de relecture."), messages.INFO
            )
            return redirect(change_url)
        may_publish = can_publish(request.user, self.model)
        may_discard = may_publish or pending.proposed_by_id == request.user.pk
        if request.method == "POST":
            return self._decide(request, entry, pending, may_publish, may_discard, change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Modification proposée de « %(entry)s »") % {"entry": entry},
            "opts": opts,
            "original": entry,
            "pending": pending,
            "changes": proposed_changes(entry, pending),
            "preview_url": f"{entry.get_absolute_url()}?{PREVIEW_QUERY}",
            "change_url": change_url,
            "outdated": entry.version != pending.base_version,
            "may_publish": may_publish,
            "may_discard": may_discard,
        }
        return TemplateResponse(request, "admin/working_copy.html", context)

    def _decide(
        self,
        request: HttpRequest,
        entry: Entry,
        pending: PendingChange,
        may_publish: bool,
        may_discard: bool,
        change_url: str,
    ) -> HttpResponseRedirect:
        if "_publish" in request.POST:
            if not may_publish:
                raise PermissionDenied
            image = pending.proposed_values.get("fields", {}).get("image")
            try:
                working_copies.publish(pending=pending, user=request.user)
            except ValidationError as error:
                for text in error.messages:
                    self.message_user(request, text, messages.ERROR)
                return redirect(request.path)
            if image:
                # As EntryMediaAdminMixin.save_model does for an image saved in the form.
                transaction.on_commit(partial(entry_renditions, image))
            text = _("La modification de « %(entry)s » est publiée.")
        elif "_discard" in request.POST:
            if not may_discard:
                raise PermissionDenied
            working_copies.discard(pending=pending)
            text = _("La modification proposée de « %(entry)s » est abandonnée.")
        else:
            return redirect(request.path)
        self.message_user(request, text % {"entry": entry}, messages.SUCCESS)
        return redirect(change_url)


def _after_status(items: Iterable[Any], item: Any) -> list[Any]:
    items = list(items)
    place = items.index("status") + 1 if "status" in items else len(items)
    return [*items[:place], item, *items[place:]]
