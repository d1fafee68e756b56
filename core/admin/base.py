"""What the editors' forms for every kind of entry share: columns, sections, inlines, actions."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import Field, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.admin.forms import HTTPS_URL_FIELDS, EntryAdminForm, FrenchFieldsForm
from core.admin.history import EntryHistoryAdminMixin, HistoryAdmin
from core.admin.languages import MissingTranslationFilter, in_every_language, side_by_side
from core.admin.media import EntryMediaAdminMixin
from core.admin.tags import tag_formfield
from core.admin.transfer import TransferAdminMixin
from core.admin.widgets import entry_text_widget
from core.admin.workflow import ReviewAgeFilter, WorkflowAdminMixin
from core.admin.working_copies import WorkingCopyAdminMixin, WorkingCopyInlineMixin
from core.models import Entry, KeyFigure, Source

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldsetSpec
    from django_stubs_ext import StrOrPromise

THUMBNAIL_HEIGHT = 40
PREVIEW_MAX_WIDTH = 320


class SourceInline(WorkingCopyInlineMixin, GenericTabularInline):
    model = Source
    form = FrenchFieldsForm
    fields = ("position", *in_every_language("title"), "url", "publisher")
    extra = 1
    formfield_overrides = HTTPS_URL_FIELDS


class KeyFigureInline(WorkingCopyInlineMixin, GenericTabularInline):
    model = KeyFigure
    form = FrenchFieldsForm
    fields = ("position", *in_every_language("label", "value"), "source_url")
    extra = 1
    formfield_overrides = HTTPS_URL_FIELDS


def entry_fieldsets(
    *, identity: tuple[str | tuple[str, ...], ...] = (), sections: "_FieldsetSpec" = ()
) -> "_FieldsetSpec":
    """The sections of an entry's form: the shared ones around the model's own `sections`."""
    return (
        (_("Identité"), {"fields": (*side_by_side("name"), "slug", *identity)}),
        (
            _("Présentation"),
            {"fields": (*side_by_side("summary", "description"), "website", "tags")},
        ),
        *sections,
        (_("Image"), {"fields": ("image", *side_by_side("image_alt"), "image_preview")}),
        (
            _("Publication"),
            {
                "fields": (
                    "status",
                    ("publish_at", "unpublish_at"),
                    "reviewed_at",
                    ("created_at", "updated_at"),
                    # Hidden: the version this form started from (see EntryAdminForm).
                    "seen_version",
                )
            },
        ),
    )


class EntryAdmin(
    WorkingCopyAdminMixin,
    WorkflowAdminMixin,
    EntryHistoryAdminMixin,
    EntryMediaAdminMixin,
    TransferAdminMixin,
    HistoryAdmin,
):
    """The base of every entry's admin; subclasses add their category column and sections."""

    form = EntryAdminForm
    list_display = ("thumbnail", "name", "status", "tag_list", "updated_at")
    list_display_links = ("name",)
    list_filter = ("status", ReviewAgeFilter, MissingTranslationFilter, "tags")
    search_fields = in_every_language("name", "summary", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("image_preview", "reviewed_at", "created_at", "updated_at")
    fieldsets = entry_fieldsets()
    inlines = (SourceInline, KeyFigureInline)
    save_on_top = True
    formfield_overrides = HTTPS_URL_FIELDS

    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if isinstance(db_field, TaggableManager):
            return tag_formfield(db_field, admin_site=self.admin_site, request=request)
        widget = entry_text_widget(db_field)
        if widget is not None:
            kwargs["widget"] = widget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # The changelist shows each row's tags: one query for all rows, not one per row.
        return super().get_queryset(request).prefetch_related("tags")

    def get_form(
        self, request: HttpRequest, obj: Entry | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change, **kwargs)
        # modelform_factory made this class for this request: it may carry the user. It extends
        # self.form (EntryAdminForm declares `user`), which django-stubs cannot follow.
        form.user = request.user  # type: ignore[attr-defined]
        return form

    def view_on_site(self, obj: Entry) -> str | None:
        # The public sees only what is published now; staff preview the rest (render_change_form).
        return obj.get_absolute_url() if obj.is_published else None

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Entry | None = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk and not obj.is_published:
            # admin/change_form_object_tools.html shows it as « Aperçu ».
            context["preview_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("image"))
    def thumbnail(self, obj: Entry) -> SafeString | None:
        if not obj.image:
            return None
        # The name stands next to it in the same row: alt text would only repeat it.
        return format_html(
            '<img src="{}" alt="" height="{}" loading="lazy">', obj.image.url, THUMBNAIL_HEIGHT
        )

    @admin.display(description=_("aperçu"))
    def image_preview(self, obj: Entry) -> "StrOrPromise":
        if not obj.image:
            return _("Aucune image.")
        return format_html(
            '<img src="{}" alt="{}" style="max-width: {}px; height: auto;">',
            obj.image.url,
            obj.image_alt,
            PREVIEW_MAX_WIDTH,
        )

    @admin.display(description=_("étiquettes"))
    def tag_list(self, obj: Entry) -> str | None:
        return ", ".join(tag.name for tag in obj.tags.all()) or None
