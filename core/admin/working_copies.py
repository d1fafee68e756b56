"""Working copies in the back-office: an editor's change to a published entry waits for review.

The change form of a published entry saves an editor's change as the entry's working copy
(core.publishing.working_copies) instead of the live row, and starts from that working copy when
the editor comes back to it. A reviewer reads it on its own page (core.admin.working_copy_review).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.admin.working_copy_review import WorkingCopyReviewMixin, working_copy_url
from core.models import KeyFigure, Source
from core.publishing import working_copies

DETAIL_NAMES = {Source: "sources", KeyFigure: "key_figures"}


def proposed_details(formsets):
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
    """Keep an editor's change to a published entry as its working copy, for review."""

    change_form_template = "admin/atlas_change_form.html"

    def proposes(self, request, obj):
        """Whether `request`'s user changing `obj` (as stored) makes a working copy."""
        return (
            obj is not None
            and obj.pk is not None
            and working_copies.must_propose(
                user=request.user, model=self.model, stored_status=obj.status
            )
        )

    # --- The change form ---------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request.atlas_change_form = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if getattr(request, "atlas_change_form", False) and self.proposes(request, obj):
            pending = working_copies.pending_change_of(obj)
            if pending is not None:
                # The editor goes on from what they proposed, not from the live version.
                working_copies.show(obj, pending, published_only=False)
                obj.working_copy = pending
        return obj

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = proposed_rows(obj, inline.model)
        if rows is not None:
            kwargs["queryset"] = inline.model.objects.none()
            kwargs["initial"] = rows
        return kwargs

    def save_model(self, request, obj, form, change):
        stored = form.stored["status"] if form.stored else None
        if change and working_copies.must_propose(
            user=request.user, model=self.model, stored_status=stored
        ):
            request.atlas_proposal = True
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
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

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "atlas_proposal", False):
            # Nothing was saved, so the formsets hold no saved objects to describe.
            return []
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "atlas_proposal", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
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

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            pending = getattr(obj, "working_copy", None) or working_copies.pending_change_of(obj)
            context["proposes"] = self.proposes(request, obj)
            context["working_copy"] = pending
            if pending is not None:
                context["working_copy_url"] = working_copy_url(self.model, obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Reverting: a reviewer's act on a published entry ------------------------------

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or self._proposes_stored(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self._proposes_stored(request, object_id):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _proposes_stored(self, request, obj_or_pk):
        pk = getattr(obj_or_pk, "pk", obj_or_pk)
        if pk is None:
            return False
        live = self.model._default_manager.filter(pk=pk).first()
        return self.proposes(request, live)


def proposed_rows(obj, detail_model):
    """The sources or key figures the working copy shown in `obj`'s form proposes, or None."""
    pending = getattr(obj, "working_copy", None)
    name = DETAIL_NAMES.get(detail_model)
    if pending is None or name is None:
        return None
    return pending.proposed_values.get(name)


class WorkingCopyInlineMixin:
    """An inline of sources or key figures, with a form for each row a working copy proposes."""

    def get_extra(self, request, obj=None, **kwargs):
        rows = proposed_rows(obj, self.model)
        return self.extra if rows is None else len(rows) + self.extra
