"""The publication workflow in the back-office: bulk actions by role, and the stale-review filter."""

import calendar
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin.mixins import ModelAdminMixin
from core.models import Entry, PublicationStatus, Tag
from core.publishing import permissions, workflow
from core.publishing.permissions import can_publish

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier, on the month's last day if it is shorter."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


class ReviewAgeFilter(admin.SimpleListFilter):
    """« À revoir »: the entries whose last review is older than a few months, or never done."""

    title = _("à revoir")
    parameter_name = "a_revoir"
    NEVER = "jamais"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, "StrOrPromise"]]:
        return [
            ("6", _("relue il y a plus de 6 mois")),
            ("12", _("relue il y a plus de 12 mois")),
            (self.NEVER, _("jamais relue")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value == self.NEVER:
            return queryset.filter(reviewed_at__isnull=True)
        if value in ("6", "12"):
            return queryset.filter(reviewed_at__lt=months_before(timezone.now(), int(value)))
        return queryset


# The change form's buttons, each saying what it does, and the status each gives the entry.
BUTTON_STATUSES = {
    "_save_draft": PublicationStatus.DRAFT,
    "_submit": PublicationStatus.REVIEW,
    "_publish": PublicationStatus.PUBLISHED,
}


def workflow_buttons(
    *,
    user: User | AnonymousUser,
    model: type[Entry],
    stored_status: str | None = None,
) -> list[tuple[str, "StrOrPromise"]]:
    """The (name, label) of the buttons that save an entry whose status is `stored_status`.

    `stored_status` is None for a new entry. The first is the default (pressing Enter).
    """
    if permissions.must_propose(user=user, model=model, stored_status=stored_status):
        return [("_propose", _("Proposer la modification"))]
    publishes = [("_publish", _("Publier"))] if can_publish(user, model) else []
    if stored_status in (None, PublicationStatus.DRAFT):
        return [
            ("_save_draft", _("Enregistrer le brouillon")),
            ("_submit", _("Soumettre à relecture")),
            *publishes,
        ]
    if stored_status == PublicationStatus.REVIEW:
        return [
            ("_submit", _("Enregistrer (reste en relecture)")),
            ("_save_draft", _("Repasser en brouillon")),
            *publishes,
        ]
    if stored_status == PublicationStatus.PUBLISHED:
        return [("_publish", _("Publier les modifications"))]
    # Archived: saved as it is; the status field says where it stands.
    return [("_save", _("Enregistrer")), *publishes]


class TagChoiceForm(forms.Form):
    tag: "forms.ModelChoiceField[Tag]" = forms.ModelChoiceField(
        label=_("Étiquette à ajouter"), queryset=Tag.objects.all(), empty_label=None
    )


class WorkflowAdminMixin(ModelAdminMixin):
    """Bulk actions that move entries through the workflow, each offered to whom may use it.

    Django hides an action from a user without its permission, and refuses it if posted anyway;
    within an action, each entry is checked again (an editor may take a submission back to
    draft, not a published entry).
    """

    actions = (
        "submit_for_review",
        "unpublish",
        "publish",
        "archive",
        "mark_reviewed",
        "add_tag",
    )

    def has_publish_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_publish(request.user, self.model)

    @admin.action(description=_("Soumettre à la relecture"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_status(request, queryset, PublicationStatus.REVIEW)

    @admin.action(description=_("Repasser en brouillon (dépublier)"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """Back to draft: a reviewer unpublishes; an editor takes back a submission."""
        self._set_status(request, queryset, PublicationStatus.DRAFT)

    @admin.action(description=_("Publier les entrées sélectionnées"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description=_("Archiver"), permissions=["publish"])
    def archive(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_status(request, queryset, PublicationStatus.ARCHIVED)

    @admin.action(description=_("Marquer comme relues"), permissions=["publish"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        outcome = workflow.mark_reviewed(entries=queryset, user=request.user)
        count = len(outcome.changed)
        message = ngettext(
            "%(count)d entrée est marquée comme relue.",
            "%(count)d entrées sont marquées comme relues.",
            count,
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Ajouter une étiquette"), permissions=["change"])
    def add_tag(self, request: HttpRequest, queryset: QuerySet[Any]) -> TemplateResponse | None:
        form = TagChoiceForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            tag = form.cleaned_data["tag"]
            outcome = workflow.add_tag(entries=queryset, tag=tag, user=request.user)
            count = len(outcome.changed)
            message = ngettext(
                "L'étiquette « %(tag)s » est ajoutée à %(count)d entrée.",
                "L'étiquette « %(tag)s » est ajoutée à %(count)d entrées.",
                count,
            ) % {"tag": tag, "count": count}
            self.message_user(request, message, messages.SUCCESS)
            if outcome.proposed:
                proposed = len(outcome.proposed)
                message = ngettext(
                    "Sur %(count)d entrée publiée, l'ajout attend la relecture.",
                    "Sur %(count)d entrées publiées, l'ajout attend la relecture.",
                    proposed,
                ) % {"count": proposed}
                self.message_user(request, message, messages.INFO)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Ajouter une étiquette"),
            "opts": self.model._meta,
            "form": form,
            "entries": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/add_tag.html", context)

    def _set_status(
        self, request: HttpRequest, queryset: QuerySet[Any], status: PublicationStatus
    ) -> None:
        outcome = workflow.set_status(entries=queryset, status=status, user=request.user)
        label = PublicationStatus(status).label
        changed, refused = len(outcome.changed), len(outcome.refused)
        if changed or not refused:
            message = ngettext(
                "%(count)d entrée est désormais « %(status)s ».",
                "%(count)d entrées sont désormais « %(status)s ».",
                changed,
            ) % {"count": changed, "status": label}
            self.message_user(request, message, messages.SUCCESS)
        if refused:
            message = ngettext(
                "%(count)d entrée n'a pas changé : seul un relecteur peut la passer de « %(from)s » "
                "à « %(status)s ».",
                "%(count)d entrées n'ont pas changé : seul un relecteur peut les passer de "
                "« %(from)s » à « %(status)s ».",
                refused,
            ) % {
                "count": refused,
                "from": ", ".join(
                    sorted({entry.get_status_display() for entry in outcome.refused})
                ),
                "status": label,
            }
            self.message_user(request, message, messages.WARNING)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        pressed = [name for name in BUTTON_STATUSES if name in request.POST]
        if request.method == "POST" and pressed:
            # The button decides the status; the form still refuses one the user may not give.
            post = request.POST.copy()
            post["status"] = BUTTON_STATUSES[pressed[0]]
            # django-stubs holds request.POST immutable; the admin reads the one given here.
            request.POST = post  # type: ignore[assignment]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Entry | None = None,
    ) -> HttpResponse:
        stored = context["adminform"].form.stored
        context["workflow_buttons"] = workflow_buttons(
            user=request.user, model=self.model, stored_status=stored["status"] if stored else None
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request: HttpRequest, obj: Entry, form: Any, change: Any) -> None:
        current = form.stored["status"] if form.stored else None
        # The form refuses a status outside the user's rights; a save must never slip past it.
        if not workflow.may_set_status(
            user=request.user, model=self.model, current=current, new=obj.status
        ):
            raise PermissionDenied
        if obj.status == PublicationStatus.PUBLISHED and current != PublicationStatus.PUBLISHED:
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)
