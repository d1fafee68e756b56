"""Tags an editor can trust: chosen among the existing ones, created on purpose, never twice.

An entry's form picks its tags with the admin's own autocomplete (select2, served from Django's
static files), searched by name with accents folded, each labelled with its group. Creating a
tag is the tag admin's « Ajouter », which only reviewers may do (a tag is shared by every entry
and has a public page), and which refuses a near-duplicate of an existing tag, naming it
(core.search.near_duplicates, the rule imports apply too).
"""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.admin import AdminSite
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.models import Tag
from core.search.near_duplicates import near_duplicate
from core.search.terms import fold


def tag_label(tag: Tag) -> str:
    """A tag as an editor chooses it: « Diabète (Pathologies) »."""
    return f"{tag.name} ({tag.get_group_display()})"


def tags_matching(queryset: QuerySet[Tag], search_term: str) -> QuerySet[Tag]:
    """The tags of `queryset` whose name, French or English, holds every word of `search_term`,
    accents folded."""
    words = fold(search_term).split()
    if not words:
        return queryset
    # A few hundred names: folding them here works the same on SQLite and PostgreSQL.
    names = Tag.objects.values_list("pk", "name", "name_en")
    matching = [
        pk
        for pk, *texts in names
        if any(all(word in fold(text) for word in words) for text in texts if text)
    ]
    # The tag admin counts entries (GROUP BY), which drops the model's default ordering.
    return queryset.filter(pk__in=matching).order_by("name")


class TagForm(forms.ModelForm):
    """The tag admin's form: a new or renamed tag may not repeat an existing one.

    The French name is the one compared: it makes the slug, and each theme has one.
    """

    class Meta:
        model = Tag
        fields = ("name", "slug", "group", "description")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        twin = near_duplicate(name, exclude_pk=self.instance.pk)
        if twin is not None:
            raise forms.ValidationError(
                _(
                    "« %(name)s » ressemble trop à l'étiquette « %(existing)s », qui existe "
                    "déjà : choisissez-la plutôt dans la fiche."
                ),
                code="near_duplicate",
                params={"name": name, "existing": twin.name},
            )
        return name


class TagAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete for tags, each labelled with its group."""

    # Served for the tag admin only: every object is a Tag, which django-stubs cannot know.
    def serialize_result(self, obj: Tag, to_field_name: str) -> dict[str, str]:  # type: ignore[override]
        return {"id": str(getattr(obj, to_field_name)), "text": tag_label(obj)}


class TagAutocomplete(AutocompleteSelectMultiple):
    def optgroups(
        self, name: str, value: Sequence[str], attr: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        # A form sent back with a value that is no tag's id shows it unselected, not as a 500.
        return super().optgroups(name, [v for v in value if str(v).isdigit()], attr)

    def get_url(self) -> str:
        return reverse(f"{self.admin_site.name}:core_tag_autocomplete")


class TagChoiceField(forms.ModelMultipleChoiceField):
    """Existing tags only; cleaned to their names, which taggit and working copies take."""

    default_error_messages = {
        "invalid_choice": _("Cette étiquette n'existe plus : choisissez-en une dans la liste."),
        "invalid_pk_value": _(
            "« %(pk)s » n'est pas une étiquette existante : choisissez-en une dans la liste."
        ),
    }

    def label_from_instance(self, obj: Tag) -> str:
        return tag_label(obj)

    # Names, not the QuerySet of the field it extends: what taggit and working copies take.
    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        return [tag.name for tag in super().clean(value)]


def tag_formfield(
    db_field: TaggableManager, *, admin_site: AdminSite, request: HttpRequest
) -> TagChoiceField:
    """The tags field of an entry's form; its « + » opens the tag admin for reviewers."""
    widget = TagAutocomplete(db_field, admin_site)
    return TagChoiceField(
        queryset=Tag.objects.all(),
        required=not db_field.blank,
        label=capfirst(db_field.verbose_name),
        help_text=_(
            "Tapez quelques lettres pour choisir parmi les étiquettes existantes. "
            "Seul un relecteur crée une étiquette."
        ),
        widget=RelatedFieldWidgetWrapper(
            widget,
            db_field.remote_field,
            admin_site,
            can_add_related=request.user.has_perm("core.add_tag"),
        ),
    )
