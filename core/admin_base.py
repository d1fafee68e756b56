"""What the editors' forms for every kind of entry share: columns, sections, inlines, actions."""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.managers import TaggableManager

from core.admin_forms import CommaTagField
from core.admin_media import EntryMediaAdminMixin
from core.cache import content_changed
from core.models import KeyFigure, PublicationStatus, Source

THUMBNAIL_HEIGHT = 40
PREVIEW_MAX_WIDTH = 320


class SourceInline(GenericTabularInline):
    model = Source
    fields = ("position", "title", "url", "publisher")
    extra = 1


class KeyFigureInline(GenericTabularInline):
    model = KeyFigure
    fields = ("position", "label", "value", "source_url")
    extra = 1


def entry_fieldsets(*, identity=(), sections=()):
    """The sections of an entry's form: the shared ones around the model's own `sections`."""
    return (
        (_("Identité"), {"fields": ("name", "slug", *identity)}),
        (_("Présentation"), {"fields": ("summary", "description", "website", "tags")}),
        *sections,
        (_("Image"), {"fields": ("image", "image_alt", "image_preview")}),
        (_("Publication"), {"fields": ("status", "created_at", "updated_at")}),
    )


class EntryAdmin(EntryMediaAdminMixin, admin.ModelAdmin):
    """The base of every entry's admin; subclasses add their category column and sections."""

    list_display = ("thumbnail", "name", "status", "tag_list", "updated_at")
    list_display_links = ("name",)
    list_filter = ("status", "tags")
    search_fields = ("name", "summary", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("image_preview", "created_at", "updated_at")
    fieldsets = entry_fieldsets()
    inlines = (SourceInline, KeyFigureInline)
    actions = ("publish", "unpublish")
    save_on_top = True
    formfield_overrides = {TaggableManager: {"form_class": CommaTagField}}

    def get_queryset(self, request):
        # The changelist shows each row's tags: one query for all rows, not one per row.
        return super().get_queryset(request).prefetch_related("tags")

    def view_on_site(self, obj):
        # The public site hides drafts: a link to one would be a 404.
        return obj.get_absolute_url() if obj.is_published else None

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        if not obj.image:
            return None
        # The name stands next to it in the same row: alt text would only repeat it.
        return format_html(
            '<img src="{}" alt="" height="{}" loading="lazy">', obj.image.url, THUMBNAIL_HEIGHT
        )

    @admin.display(description=_("aperçu"))
    def image_preview(self, obj):
        if not obj.image:
            return _("Aucune image.")
        return format_html(
            '<img src="{}" alt="{}" style="max-width: {}px; height: auto;">',
            obj.image.url,
            obj.image_alt,
            PREVIEW_MAX_WIDTH,
        )

    @admin.display(description=_("étiquettes"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all()) or None

    @admin.action(description=_("Publier les entrées sélectionnées"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description=_("Repasser en brouillon"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT)

    def _set_status(self, request, queryset, status):
        # update() skips auto_now: the date is set here so that lists stay sorted by freshness.
        count = queryset.update(status=status, updated_at=timezone.now())
        # update() sends no signal: the cached pages must learn of it here.
        content_changed(using=queryset.db)
        message = ngettext(
            "%(count)d entrée est désormais « %(status)s ».",
            "%(count)d entrées sont désormais « %(status)s ».",
            count,
        ) % {"count": count, "status": PublicationStatus(status).label}
        self.message_user(request, message, messages.SUCCESS)
