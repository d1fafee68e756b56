"""The cells of an import or export: how a slug, a list of slugs, tags and a translation are read
and written (django-import-export widgets). core/transfer/resources.py puts them together.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Manager, Model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, widgets
from taggit.utils import parse_tags

from core.models import Entry, Tag
from core.search.near_duplicates import near_duplicate
from core.transfer.lookups import EntriesBySlug, TagsByName, set_tags


class NullableCharWidget(widgets.CharWidget):
    """A translation's cell: empty when the text is not translated, and read back as such."""

    def clean(self, value: object, row: dict[str, Any] | None = None, **kwargs: Any) -> str | None:
        return super().clean(value, row, **kwargs) or None


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related entry given by its slug; an unknown slug is an error, not an empty value."""

    def __init__(self, model: type[Entry], **kwargs: Any) -> None:
        super().__init__(model, field="slug", **kwargs)
        self.entries = EntriesBySlug(model)

    def load(self, cells: Iterable[object]) -> None:
        """Read at once the entries these cells name (see core.transfer.lookups)."""
        self.entries.load(str(cell) for cell in cells if cell)

    def clean(
        self, value: object, row: dict[str, Any] | None = None, **kwargs: Any
    ) -> Entry | None:
        if not value:
            return None
        found = self.entries.get([str(value)])
        if not found:
            raise ValueError(
                _("Identifiant « %(slug)s » introuvable parmi les %(models)s.")
                % {"slug": value, "models": self.model._meta.verbose_name_plural}
            )
        return found[0]


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Related entries given by their slugs, separated by commas; every slug must exist."""

    def __init__(self, model: type[Entry], **kwargs: Any) -> None:
        super().__init__(model, separator=",", field="slug", **kwargs)
        self.entries = EntriesBySlug(model)

    def load(self, cells: Iterable[object]) -> None:
        self.entries.load(slug for cell in cells for slug in self.slugs(cell))

    def slugs(self, value: object) -> list[str]:
        return list(
            dict.fromkeys(slug.strip() for slug in str(value or "").split(",") if slug.strip())
        )

    def clean(self, value: object, row: dict[str, Any] | None = None, **kwargs: Any) -> list[Entry]:
        slugs = self.slugs(value)
        found = self.entries.get(slugs)
        unknown = sorted(set(slugs) - {entry.slug for entry in found})
        if unknown:
            raise ValueError(
                ngettext(
                    "Identifiant %(slugs)s introuvable parmi les %(models)s.",
                    "Identifiants %(slugs)s introuvables parmi les %(models)s.",
                    len(unknown),
                )
                % {
                    "slugs": ", ".join(f"« {slug} »" for slug in unknown),
                    "models": self.model._meta.verbose_name_plural,
                }
            )
        return found

    def render(self, value: Manager[Entry] | None, obj: Model | None = None, **kwargs: Any) -> str:
        return ", ".join(sorted(entry.slug for entry in value.all())) if value is not None else ""


class TagsWidget(widgets.ManyToManyWidget):
    """Tags by name, separated by commas; a name that holds a comma is quoted, as in the admin.

    Unknown names become new tags, unless they repeat an existing tag written another way
    (the tag admin's rule): such a row is refused, naming the tag to write instead. Cleaning
    returns the existing tags and unsaved new ones: a row with an unsaved tag is a change (see
    EntryResource.skip_row).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Tag, field="name", **kwargs)
        self.tags = TagsByName()

    def load(self, cells: Iterable[object]) -> None:
        self.tags.load(name for cell in cells for name in tag_names(cell))

    def clean(self, value: object, row: dict[str, Any] | None = None, **kwargs: Any) -> list[Tag]:
        tags, refusals = [], []
        for name in tag_names(value):
            tag = self.tags.get(name)
            if tag is None:
                twin = near_duplicate(name)
                if twin is not None:
                    refusals.append(
                        _(
                            "« %(name)s » ressemble trop à l'étiquette « %(existing)s », qui "
                            "existe déjà : écrivez « %(existing)s » dans le fichier."
                        )
                        % {"name": name, "existing": twin.name}
                    )
                tag = Tag(name=name)
            tags.append(tag)
        if refusals:
            raise ValueError(" ".join(refusals))
        return tags

    @staticmethod
    def saved(tag: Tag) -> Tag:
        """`tag`, or if it is new the tag of its name, created now (or by a row before)."""
        if tag.pk:
            return tag
        # As taggit does: names compare without case, and get_or_create() withstands a race.
        return Tag.objects.get_or_create(name__iexact=tag.name, defaults={"name": tag.name})[0]

    def render(self, value: Manager[Tag] | None, obj: Model | None = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        names = sorted((tag.name for tag in value.all()), key=str.casefold)
        return ", ".join(f'"{name}"' if "," in name else name for name in names)


class TagsField(fields.Field):
    """Tags by name; those that do not exist yet are created, as taggit's set() would."""

    def save(
        self, instance: Entry, row: dict[str, Any], is_m2m: bool = False, **kwargs: Any
    ) -> None:
        set_tags(instance, [self.widget.saved(tag) for tag in self.clean(row, **kwargs)])


def tag_names(text: object) -> list[str]:
    """The tag names in a cell: split at commas only, so « Imagerie médicale » is one tag."""
    text = str(text or "").strip()
    if text and "," not in text and '"' not in text:
        text = f"{text},"
    return parse_tags(text)
