"""What every kind of atlas entry shares: publication, text, image, tags, sources, key figures.

Tags, sources and key figures live in core/details.py; they are given out here under the same
names, so that `from core.models import Tag` holds.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.details import (
    EntryDetail,
    KeyFigure,
    Source,
    StrippedTextModel,
    Tag,
    TaggedEntry,
    TagGroup,
)
from core.images.uploads import entry_image_path
from core.public.links import detail_url
from core.publishing.history import AtlasHistoricalRecords
from core.publishing.models import PendingChange
from core.publishing.status import EntryQuerySet, PublicationStatus

__all__ = [
    "Entry",
    "EntryDetail",
    "KeyFigure",
    "SearchDocument",
    "Source",
    "StrippedTextModel",
    "Tag",
    "TagGroup",
    "TaggedEntry",
    "choice_label",
    "year_between",
    "year_validators",
]


def year_between(field_name: str, first: int, last: int) -> models.Q:
    """A database condition: the optional year in `field_name` lies within [first, last]."""
    return models.Q(**{f"{field_name}__isnull": True}) | models.Q(
        **{f"{field_name}__gte": first, f"{field_name}__lte": last}
    )


def year_validators(first: int, last: int) -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(first), MaxValueValidator(last)]


def choice_label(choices: type[models.TextChoices], value: str) -> str | Promise:
    """The label of `value` in the TextChoices class `choices`, or `value` itself if unknown.

    Cheaper than get_FOO_display(), which translates every label of the field to find one:
    cards show a kind's label hundreds of times a page.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


class Entry(StrippedTextModel):
    """An atlas entry with its own public page. Each content model adds only its own fields."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(
        _("identifiant d'adresse"),
        max_length=200,
        unique=True,
        help_text=_("Partie de l'adresse de la page publique : lettres, chiffres et tirets."),
    )
    summary = models.CharField(
        _("résumé"), max_length=300, help_text=_("Une ou deux phrases, affichées sur les cartes.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Texte brut ; une ligne vide sépare deux paragraphes."),
    )
    website = models.URLField(_("site web"), max_length=500, blank=True)
    image = models.ImageField(_("image"), upload_to=entry_image_path, blank=True)
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Ce que montre l'image, pour qui ne la voit pas. Obligatoire avec une image."),
    )
    status = models.CharField(
        _("statut de publication"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_(
            "Brouillon, puis « En relecture » quand la fiche est prête ; seuls les relecteurs "
            "publient, dépublient et archivent. Seules les fiches publiées sont visibles du public."
        ),
    )
    publish_at = models.DateTimeField(
        _("publication programmée le"),
        null=True,
        blank=True,
        help_text=_(
            "Facultatif. Une fiche publiée reste cachée jusqu'à cette date et cette heure, "
            "puis paraît d'elle-même."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("retrait programmé le"),
        null=True,
        blank=True,
        help_text=_(
            "Facultatif. À cette date et cette heure, la fiche disparaît du site public "
            "(elle reste dans l'espace éditeurs)."
        ),
    )
    reviewed_at = models.DateTimeField(
        _("relue le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Date de la dernière relecture : quand un relecteur publie la fiche ou la marque "
            "comme relue."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Augmente à chaque enregistrement : deux personnes qui modifient la même fiche ne "
            "peuvent pas écraser le travail l'une de l'autre."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    tags = TaggableManager(through=TaggedEntry, blank=True, verbose_name=_("étiquettes"))
    sources = GenericRelation(Source, verbose_name=_("sources"))
    key_figures = GenericRelation(KeyFigure, verbose_name=_("chiffres clés"))
    # At most one: a change proposed by an editor, waiting for a reviewer (core.publishing).
    pending_changes = GenericRelation(PendingChange)
    # Deleting an entry, even in bulk from the admin, deletes its search document with it.
    search_documents = GenericRelation("core.SearchDocument")

    objects = EntryQuerySet.as_manager()
    # Each kind's revisions (core.publishing.history.entry_history); set before a save, who and
    # why the next revision names, or that the save writes none (simple-history reads these).
    history: ClassVar[AtlasHistoricalRecords]
    _history_user: User | AnonymousUser | None
    _change_reason: str
    skip_history_when_saving: bool

    # The content-type contract: what core reads of every kind of entry, and nothing more
    # (docs/architecture.md, « Ajouter un type de fiche »). Each kind sets these values and
    # writes structured_data().
    list_url_name: ClassVar[str]  # its list's route, "ecosystem:actor-list"
    detail_url_name: ClassVar[str]  # its pages' route, "ecosystem:actor-detail"
    section_title: ClassVar[str | Promise]  # the heading of its list and of its section elsewhere
    section_intro: ClassVar[str | Promise]  # the sentence under its list's heading
    category_field: ClassVar[str]  # the choice field its cards name it by, "kind"
    category_choices: ClassVar[type[models.TextChoices]]  # that field's TextChoices
    # Templates read a kind's contract from the class (`view.model.section_title`): a class is
    # callable, and the template engine would otherwise build an empty entry to read it from.
    do_not_call_in_templates: ClassVar[bool] = True

    class Meta:
        abstract = True
        ordering = ["name"]
        # The public lists page through published entries by name, the home page and feeds
        # take the latest updated: both read an index in order instead of sorting every row.
        # The publication dates come along so that skipped rows need no visit to the table.
        indexes = [
            models.Index(
                fields=["status", "name", "publish_at", "unpublish_at"],
                name="%(class)s_pub_name",
            ),
            models.Index(fields=["status", "updated_at"], name="%(class)s_pub_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="%(app_label)s_%(class)s_image_has_alt",
            ),
            models.CheckConstraint(
                condition=models.Q(publish_at__isnull=True)
                | models.Q(unpublish_at__isnull=True)
                | models.Q(unpublish_at__gt=models.F("publish_at")),
                name="%(app_label)s_%(class)s_unpublished_after_published",
                violation_error_message=_(
                    "La date de retrait doit venir après la date de publication."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            # From the stored row, not from this instance: an instance rebuilt from an old
            # revision (a revert) carries that revision's number.
            stored = type(self)._default_manager.filter(pk=self.pk).values_list("version")
            self.version = (stored.first() or (self.version,))[0] + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url(self.detail_url_name, self.slug)

    @property
    def category_label(self) -> str | Promise:
        """What kind of actor, scheme or programme this is, as its card says it."""
        return choice_label(self.category_choices, getattr(self, self.category_field))

    def structured_data(self, build_url: Callable[[str], str]) -> dict[str, Any]:
        """This entry as schema.org JSON-LD, its addresses made absolute by `build_url`."""
        raise NotImplementedError(f"{type(self).__name__} must describe itself as JSON-LD.")

    @property
    def is_published(self) -> bool:
        """Whether the public sees this entry now (the Python twin of `published()`)."""
        now = timezone.now()
        return (
            self.status == PublicationStatus.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_scheduled(self) -> bool:
        """Published, with a publication date still to come."""
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def clean(self) -> None:
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Décrivez l'image : le texte alternatif est obligatoire.")}
            )
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {"unpublish_at": _("La date de retrait doit venir après la date de publication.")}
            )


class SearchDocument(models.Model):
    """The analysed words of one entry or tag, as site search matches them (see core/search/index.py).

    Every entry and tag has one, drafts included: whether it may be shown is decided when
    searching, by its model's own published() (the admin publishes with queryset.update()).
    Migration 0004 adds what the ORM does not know: on SQLite an FTS5 table that triggers keep
    in step with this one, on PostgreSQL a generated tsvector column with a GIN index. A later
    migration that alters this model makes SQLite rebuild the table, dropping those triggers:
    it must create them again.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    name_terms = models.TextField(_("termes du nom"))
    summary_terms = models.TextField(_("termes du résumé"), blank=True)
    body_terms = models.TextField(_("termes du texte"), blank=True)

    class Meta:
        ordering = ["content_type", "object_id"]
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_searchdocument_unique_object"
            )
        ]

    def __str__(self) -> str:
        return self.name_terms
