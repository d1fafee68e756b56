"""Working copies in the back-office: an editor's change to a published entry waits for review.

The change form of a published entry saves an editor's change as the entry's working copy
(core.publishing.working_copies) instead of the live row, and starts from that working copy when
the editor comes back to it. A reviewer reads it on its own page (core.admin.working_copy_review).
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.admin.mixins import InlineAdminMixin
from core.admin.working_copy_review import WorkingCopyReviewMixin, working_copy_url
from core.models import Entry, KeyFigure, Source
from core.publishing import permissions, working_copies

DETAIL_NAMES: dict[type[Model], str] = {Source: "sources", KeyFigure: "key_figures"}


def proposed_details(formsets: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """The sources and key figures the inline formsets propose, as a working copy keeps them."""
    details = {}
    for formset in formsets:
        name = DETAIL_NAMES.get(formset.model)
        if name is None:
            continue
        fields = working_copies.DETAILS[name][1]
        rows = []
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            # An untouched form that a working copy filled in has no cleaned data: its initial
            # values are what the editor left as proposed.
            values = form.cleaned_data if form.has_changed() or form.instance.pk else form.initial
            if not values:
                continue
            row = {field: values.get(field) or "" for field in fields}
            row["position"] = int(values.get("position") or 0)
            rows.append(row)
        details[name] = sorted(rows, key=lambda row: row["position"])
    return details


class WorkingCopyAdminMixin(WorkingCopyReviewMixin):
    """Keep an editor's change to a published entry as its working copy, for review.

    What a save proposes is noted on its request (`atlas_proposal`, `atlas_working_copy`…) for
    the steps after it: the methods that note or read it take the request as Any.
    """

    change_form_template = "admin/atlas_change_form.html"

    def proposes(self, request: HttpRequest, obj: Entry | None) -> bool:
        """Whether `request`'s user changing `obj` (as stored) makes a working copy."""
        return (
            obj is not None
            and obj.pk is not None
            and permissions.must_propose(
                user=request.user, model=self.model, stored_status=obj.status
            )
        )

    # --- The change form ---------------------------------------------------------------

    def changeform_view(
        self,
        request: Any,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        request.atlas_change_form = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if (
            obj is not None
            and getattr(request, "atlas_change_form", False)
            and self.proposes(request, obj)
        ):
            pending = working_copies.pending_change_of(obj)
            if pending is not None:
                # The editor goes on from what they proposed, not from the live version.
                working_copies.show(obj, pending, published_only=False)
                obj.working_copy = pending
        return obj

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Entry, inline: InlineModelAdmin, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = proposed_rows(obj, inline.model)
        if rows is not None:
            kwargs["queryset"] = inline.model.objects.none()
            kwargs["initial"] = rows
        return kwargs

    def save_model(self, request: Any, obj: Entry, form: Any, change: Any) -> None:
        stored = form.stored["status"] if form.stored else None
        if change and permissions.must_propose(
            user=request.user, model=self.model, stored_status=stored
        ):
            request.atlas_proposal = True
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request: Any, form: Any, formsets: Any, change: Any) -> None:
        if not getattr(request, "atlas_proposal", False):
            return super().save_related(request, form, formsets, change)
        entry = form.instance
        image = entry.image
        if image and not image._committed:
            # The live row keeps its image: the proposed one is stored now, under its own name.
            image.save(image.name, image.file, save=False)
        # Other records edited inline (awards) are records of their own, which editors also
        # edit from their own form: they are saved as they would be there.
        others = [formset for formset in formsets if formset.model not in DETAIL_NAMES]
        for formset in others:
            self.save_formset(request, form, formset, change=change)
        request.atlas_saved_others = any(formset.has_changed() for formset in others)
        data = form.cleaned_data
        request.atlas_working_copy = working_copies.propose(
            entry=entry,
            user=request.user,
            relations={
                field.name: [related.pk for related in data[field.name]]
                for field in working_copies.relation_fields(self.model)
                if field.name in data
            },
            tags=data.get("tags"),
            details=proposed_details(formsets),
        )
        return None

    def construct_change_message(
        self,
        request: HttpRequest,
        form: forms.Form,
        formsets: Iterable[BaseFormSet],
        add: bool = False,
    ) -> list[dict[str, dict[str, list[str]]]]:
        if getattr(request, "atlas_proposal", False):
            # Nothing was saved, so the formsets hold no saved objects to describe.
            return []
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request: HttpRequest, obj: Entry, message: Any) -> LogEntry:
        if getattr(request, "atlas_proposal", False):
            # Nothing is logged for a proposal: Django never reads what log_change() returns.
            return None  # type: ignore[return-value]
        return super().log_change(request, obj, message)

    def response_change(self, request: Any, obj: Entry) -> HttpResponse:
        if not getattr(request, "atlas_proposal", False):
            return super().response_change(request, obj)
        if request.atlas_working_copy is None and request.atlas_saved_others:
            return super().response_change(request, obj)
        if request.atlas_working_copy is None:
            self.message_user(
                request,
                _(
                    "Rien ne diffère de la version publiée : aucune modification n'attend de relecture."
                ),
                messages.INFO,
            )
        else:
            self.message_user(
                request,
                _(
                    "Votre modification de « %(entry)s » attend la relecture : le public voit la "
                    "version publiée jusqu'à ce qu'un relecteur la publie."
                )
                % {"entry": obj},
                messages.SUCCESS,
            )
        opts = self.model._meta
        if "_continue" in request.POST:
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Entry | None = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk:
            pending = getattr(obj, "working_copy", None) or working_copies.pending_change_of(obj)
            context["proposes"] = self.proposes(request, obj)
            context["working_copy"] = pending
            if pending is not None:
                context["working_copy_url"] = working_copy_url(self.model, obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Reverting: a reviewer's act on a published entry ------------------------------

    def revert_disabled(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().revert_disabled(request, obj) or self._proposes_stored(request, obj)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST" and self._proposes_stored(request, object_id):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _proposes_stored(self, request: HttpRequest, obj_or_pk: object) -> bool:
        pk = getattr(obj_or_pk, "pk", obj_or_pk)
        if pk is None:
            return False
        live = self.model._default_manager.filter(pk=pk).first()
        return self.proposes(request, live)


def proposed_rows(obj: Model | None, detail_model: type[Model]) -> list[dict[str, Any]] | None:
    """The sources or key figures the working copy shown in `obj`'s form proposes, or None."""
    pending = getattr(obj, "working_copy", None)
    name = DETAIL_NAMES.get(detail_model)
    if pending is None or name is None:
        return None
    return pending.proposed_values.get(name)


class WorkingCopyInlineMixin(InlineAdminMixin):
    """An inline of sources or key figures, with a form for each row a working copy proposes."""

    def get_extra(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> int:
        rows = proposed_rows(obj, self.model)
        return self.extra if rows is None else len(rows) + self.extra
