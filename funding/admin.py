"""Editing funding schemes and their awards, from the scheme's side and from the actor's."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin.base import EntryAdmin, SourceInline, entry_fieldsets
from core.admin.forms import FrenchFieldsForm, LoadedAutocompleteInlineMixin
from core.admin.history import HistoryAdmin
from core.admin.languages import MissingTranslationFilter, in_every_language, side_by_side
from core.admin.transfer import TransferAdminMixin
from core.admin.workflow import ReviewAgeFilter
from core.formats import euros
from ecosystem.admin import ActorAdmin
from ecosystem.models import Actor
from funding.models import Award, FundingScheme


class AwardPublicLinkMixin:
    """Link an award to the public page that shows it, when there is one."""

    def view_on_site(self, award):
        # An award is shown on its scheme's public page, which exists only once published.
        return award.get_absolute_url() if award.scheme.is_published else None


class AwardInline(AwardPublicLinkMixin, LoadedAutocompleteInlineMixin, admin.TabularInline):
    model = Award
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Each row prints its award and labels its autocomplete from these two objects.
        return super().get_queryset(request).select_related("scheme", "actor")


class SchemeAwardInline(AwardInline):
    fk_name = "scheme"
    fields = ("actor", "amount_eur", "year", *in_every_language("note"))
    autocomplete_fields = ("actor",)


class ActorAwardInline(AwardInline):
    fk_name = "actor"
    fields = ("scheme", "amount_eur", "year", *in_every_language("note"))
    autocomplete_fields = ("scheme",)


@admin.register(FundingScheme)
class FundingSchemeAdmin(EntryAdmin):
    list_display = ("thumbnail", "name", "kind", "status", "tag_list", "updated_at")
    list_filter = (
        "status",
        ReviewAgeFilter,
        MissingTranslationFilter,
        "kind",
        "state",
        "tags",
    )
    autocomplete_fields = ("parent", "operators")
    inlines = (*EntryAdmin.inlines, SchemeAwardInline)
    fieldsets = entry_fieldsets(
        identity=("kind", "state"),
        sections=(
            (
                _("Calendrier et budget"),
                {"fields": ("announced_year", "announced_month", "budget_eur")},
            ),
            (_("Conditions"), {"fields": side_by_side("eligibility", "sectors")}),
            (_("Dispositifs et acteurs liés"), {"fields": ("parent", "operators")}),
        ),
    )


@admin.register(Award)
class AwardAdmin(AwardPublicLinkMixin, TransferAdminMixin, HistoryAdmin):
    list_display = ("scheme", "actor", "amount", "year")
    list_filter = ("scheme", "year", MissingTranslationFilter)
    list_select_related = ("scheme", "actor")
    search_fields = ("scheme__name", "actor__name")
    autocomplete_fields = ("scheme", "actor")
    form = FrenchFieldsForm
    fields = ("scheme", "actor", "amount_eur", "year", *side_by_side("note"))
    inlines = (SourceInline,)

    @admin.display(description=_("montant"), ordering="amount_eur")
    def amount(self, award):
        return euros(award.amount_eur) or None


# Ecosystem must not know about funding (dependencies point one way), so the actor's admin
# gains its awards inline here, by replacing its registration with a subclass.
admin.site.unregister(Actor)


@admin.register(Actor)
class ActorWithAwardsAdmin(ActorAdmin):
    inlines = (*ActorAdmin.inlines, ActorAwardInline)
