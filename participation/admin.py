"""The moderation queue: each proposal beside its entry, accepted or rejected with a note."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin.working_copy_review import working_copy_url
from participation import services
from participation.models import Proposal, ProposalStatus

# What the visitor sent: shown, never edited.
VISITOR_FIELDS = (
    "kind",
    "content_type",
    "entry_link",
    "message",
    "source",
    "email",
    "language",
    "created_at",
)
DECISION_FIELDS = ("status", "reviewed_by", "reviewed_at", "result_link")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "content_type", "subject", "status", "created_at")
    list_filter = ("status", "kind", "content_type")
    list_select_related = ("content_type",)
    search_fields = ("name", "message", "source")
    date_hierarchy = "created_at"
    fieldsets = (
        (_("La proposition"), {"fields": VISITOR_FIELDS}),
        (_("Décision"), {"fields": (*DECISION_FIELDS, "review_note")}),
    )
    change_form_template = "admin/participation/proposal/change_form.html"

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        decided = obj is not None and obj.status != ProposalStatus.NEW
        return (*VISITOR_FIELDS, *DECISION_FIELDS, *(("review_note",) if decided else ()))

    @admin.display(description=_("objet"))
    def subject(self, proposal):
        return proposal.name or proposal.message[:80]

    @admin.display(description=_("fiche"))
    def entry_link(self, proposal):
        entry = proposal.entry
        if entry is None:
            return "—"
        return format_html('<a href="{}">{}</a>', entry.get_absolute_url(), entry.name)

    @admin.display(description=_("résultat"))
    def result_link(self, proposal):
        if proposal.working_copy_id:
            url = working_copy_url(proposal.content_type.model_class(), proposal.object_id)
            return format_html('<a href="{}">{}</a>', url, _("Copie de travail à relire"))
        if proposal.status == ProposalStatus.ACCEPTED and proposal.object_id:
            opts = proposal.content_type.model_class()._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[proposal.object_id]
            )
            return format_html('<a href="{}">{}</a>', url, _("La fiche dans l'espace éditeurs"))
        return "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if proposal is not None:
            extra_context["comparison"] = services.comparison(proposal)
            extra_context["may_decide"] = proposal.status == ProposalStatus.NEW
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("review_note", "")
        if obj.status != ProposalStatus.NEW or not ({"_accept", "_reject"} & set(request.POST)):
            super().save_model(request, obj, form, change)
            return
        # The decision's own message replaces the admin's « changed successfully ».
        request.proposal_decided = True
        if "_accept" in request.POST:
            try:
                entry = services.proposal_accept(proposal=obj, reviewer=request.user, note=note)
            except services.EntryGone:
                messages.error(request, _("La fiche n'existe plus : refusez la proposition."))
                return
            if entry is None:
                messages.info(request, _("Rien à appliquer : modifiez la fiche vous-même."))
            elif obj.working_copy_id:
                messages.success(
                    request,
                    _("Appliquée à la copie de travail de la fiche, qui attend sa relecture."),
                )
            else:
                messages.success(
                    request, _("Appliquée au brouillon « %(name)s ».") % {"name": entry}
                )
        else:
            services.proposal_reject(proposal=obj, reviewer=request.user, note=note)
        if obj.email and not services.notify_outcome(proposal=obj):
            messages.warning(
                request, _("Le message à l'auteur de la proposition n'a pas pu partir.")
            )

    def response_change(self, request, obj):
        if getattr(request, "proposal_decided", False):
            # Back to the proposal, which now links to the draft or working copy it made.
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)
