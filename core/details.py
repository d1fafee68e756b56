"""Tags, sources and key figures: what an entry of any kind carries beside its own fields.

core.models builds Entry on these and gives them out under its own name (`core.models.Tag`).
"""

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from taggit.models import GenericTaggedItemBase, NaturalKeyManager, TagBase

from core.public.languages import SOURCE_LANGUAGE, FrenchColumnsQuerySet, is_translation
from core.public.links import detail_url
from core.publishing.history import AtlasHistoricalRecords
from core.transfer.cells import strip_control_characters


class TagGroup(models.TextChoices):
    PATHOLOGY = "pathology", _("Pathologies")
    TECHNOLOGY = "technology", _("Technologies")
    CARE = "care", _("Soins et parcours")
    RESEARCH = "research", _("Recherche et formation")
    POLICY = "policy", _("Politiques publiques")
    OTHER = "other", _("Autres thèmes")


class StrippedTextModel(models.Model):
    """A model whose text never keeps a control character, however it is saved.

    Such a character shows as nothing on a page but makes the XLSX export invalid. save() is
    where the admin, imports and the shell all pass; update() and loaddata do not. It also saves
    with the French active: a translated field's untranslated column, which queries read, then
    holds the French whatever the editor's language (core/public/languages.py).
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        with override(SOURCE_LANGUAGE):
            for field in self._meta.concrete_fields:
                value = getattr(self, field.attname)
                if isinstance(field, models.CharField | models.TextField) and isinstance(
                    value, str
                ):
                    value = strip_control_characters(value)
                    # A text not yet translated is NULL, not "": two tags both waiting for
                    # their English name must not break the uniqueness of English names.
                    value = value or None if is_translation(field) else value
                    setattr(self, field.attname, value)
            super().save(*args, **kwargs)


# The managers ignored below are those django-modeltranslation replaces at runtime with classes
# it builds (NewMultilingualManager), which the django-stubs plugin cannot find.
class Tag(TagBase, StrippedTextModel):  # type: ignore[django-manager-missing]
    """A theme that links entries of every kind (« imagerie médicale », « diabète »…)."""

    description = models.TextField(_("description"), blank=True)
    group = models.CharField(
        _("groupe"), max_length=20, choices=TagGroup.choices, default=TagGroup.OTHER
    )
    # Deleting a tag, even in bulk, deletes its search document with it.
    search_documents = GenericRelation("core.SearchDocument")
    history = AtlasHistoricalRecords()
    # Its page's route, as entries name theirs (core.models.Entry.detail_url_name).
    detail_url_name = "core:tag-detail"

    # taggit's manager (natural keys, for dumpdata and loaddata) over the French columns.
    objects = NaturalKeyManager.from_queryset(FrenchColumnsQuerySet)()  # type: ignore[django-manager-missing]

    class Meta:
        ordering = ["name"]
        verbose_name = _("étiquette")
        verbose_name_plural = _("étiquettes")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # taggit's save, which runs first, makes the slug from the name: the French one.
        with override(SOURCE_LANGUAGE):
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url(self.detail_url_name, self.slug)

    def slugify(self, tag: str, i: int | None = None) -> str:
        # ASCII slugs ("medecine-predictive") keep URLs readable and easy to type.
        slug = slugify(tag)
        return f"{slug}-{i}" if i is not None else slug


class TaggedEntry(GenericTaggedItemBase):
    # Indexed with the entry it is on (Meta.indexes), not alone: lists filtered by a tag and tag
    # pages read the tag's entries of one kind from the index, without visiting the rows.
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_entries", db_index=False
    )

    class Meta:
        verbose_name = _("étiquette posée")
        verbose_name_plural = _("étiquettes posées")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["tag", "content_type", "object_id"], name="core_tagged_tag_entry"),
        ]


class EntryDetail(StrippedTextModel):
    """Something attached to one entry of any kind (a source, a key figure)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]


class Source(EntryDetail):
    """A document that supports what an entry says: the article, the organisation's own site.

    The address is optional: a printed or unpublished article is cited by its title and publisher.
    """

    title = models.CharField(_("titre"), max_length=300)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    publisher = models.CharField(_("éditeur"), max_length=200, blank=True)
    history = AtlasHistoricalRecords()

    objects = FrenchColumnsQuerySet.as_manager()  # type: ignore[django-manager-missing]

    class Meta(EntryDetail.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "title"], name="core_source_unique_title"
            )
        ]

    def __str__(self) -> str:
        return self.title


class KeyFigure(EntryDetail):
    """A figure worth showing at a glance: « Valorisation : plus d'1 Md€ »."""

    label = models.CharField(_("libellé"), max_length=200)
    value = models.CharField(_("valeur"), max_length=100)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    history = AtlasHistoricalRecords()

    objects = FrenchColumnsQuerySet.as_manager()  # type: ignore[django-manager-missing]

    class Meta(EntryDetail.Meta):
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")

    def __str__(self) -> str:
        return f"{self.label} : {self.value}"
