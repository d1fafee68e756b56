"""Each kind of entry as a flat table: the columns of the downloads and of the data package.

One definition serves the CSV, JSON and XLSX downloads, the package's CSV files and their
Table Schemas, and the field dictionary of /donnees/: they cannot disagree. Related entries and
tags are given by slug; a column holding several gives a list (joined with ` | ` in CSV).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.models import KeyFigure, Source, Tag
from core.public.links import detail_route
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from opendata import selectors
from trainings.models import TrainingProgramme

LIST_SEPARATOR = " | "


class Addresses:
    """The absolute addresses of a file's rows: each kind's route reversed once, not per row.

    reverse() costs tens of microseconds, and the per-slug cache of core.public.links would
    only churn on a file of 100 000 different slugs: seconds of a download went there. The
    route around the slug (core.public.links.detail_route) is read once per kind instead.
    Made in the request, so the routes are those of its language.
    """

    def __init__(self, build_url, models=()):
        self.origin = build_url("/").removesuffix("/")
        self.routes = {}
        for model in models:
            if getattr(model, "detail_url_name", None):
                self.route(model.detail_url_name)

    def route(self, url_name):
        if url_name not in self.routes:
            before, after = detail_route(url_name)
            self.routes[url_name] = (self.origin + before, after)
        return self.routes[url_name]

    def page(self, entry):
        """The absolute address of `entry`'s public page."""
        before, after = self.route(entry.detail_url_name)
        return before + entry.slug + after


@dataclass(frozen=True)
class Column:
    """One column: its name, its Table Schema type, what it holds, and how to read it."""

    name: str
    type: str
    description: str
    read: Callable = None
    many: bool = False
    # Whether `read` also takes the file's Addresses.
    needs_url: bool = False

    def value(self, instance, addresses):
        if self.read is None:
            return getattr(instance, self.name)
        if self.needs_url:
            return self.read(instance, addresses)
        return self.read(instance)


@dataclass(frozen=True, eq=False)
class Table:
    """A resource of the data package, also downloadable from its list (compared by identity)."""

    name: str
    title: str
    model: type
    columns: tuple
    rows: Callable = field(repr=False, default=None)
    # Fetches what the columns read for a batch of rows (opendata.selectors.in_batches).
    enrich: Callable = field(repr=False, default=list)
    primary_key: str = "slug"
    foreign_keys: tuple = ()

    def values(self, instance, addresses):
        return [column.value(instance, addresses) for column in self.columns]


def in_both_languages(name, type_, description):
    """A translated text's two columns: its French (`summary`), then its English (`summary_en`).

    The French is read from its own column: the field itself reads the active language. An empty
    text is NULL in both columns (core/details.py): the French's is "", as the field reads it.
    """
    french = attrgetter(f"{name}_fr")
    return (
        Column(name, type_, description, lambda instance: french(instance) or ""),
        Column(
            f"{name}_en",
            type_,
            format_lazy("{} {}", description, _("En anglais ; vide tant qu'il n'est pas traduit.")),
        ),
    )


def published_slug(related):
    return related.slug if related is not None and related.is_published else None


def slugs(relation):
    """A list column's reader: the slugs that with_slug_lists() fetched for the batch."""
    return lambda instance: instance.slug_lists[relation]


def slug_lists(*relations):
    return lambda batch: selectors.with_slug_lists(batch, relations)


ENTRY_HEAD = (
    Column("id", "integer", _("Identifiant numérique, stable.")),
    Column("slug", "string", _("Identifiant d'adresse, stable : la fin de l'adresse de la page.")),
    *in_both_languages("name", "string", _("Nom.")),
    *in_both_languages("summary", "string", _("Résumé en une ou deux phrases.")),
    *in_both_languages(
        "description", "string", _("Description ; une ligne vide sépare deux paragraphes.")
    ),
    Column("website", "string", _("Site web officiel.")),
    Column(
        "url",
        "string",
        _("Adresse de la page publique dans l'atlas."),
        lambda entry, addresses: addresses.page(entry),
        needs_url=True,
    ),
)
ENTRY_TAIL = (
    Column("tags", "string", _("Thèmes, par identifiant (voir tags)."), slugs("tags"), many=True),
    Column("created_at", "datetime", _("Date d'ajout à l'atlas.")),
    Column("updated_at", "datetime", _("Date de dernière mise à jour.")),
)


ACTORS = Table(
    name="actors",
    title=_("Acteurs"),
    model=Actor,
    columns=(
        *ENTRY_HEAD,
        Column("kind", "string", _("Type d'acteur (code).")),
        Column("city", "string", _("Ville.")),
        Column("region", "string", _("Région (code à trois lettres).")),
        Column("founding_year", "integer", _("Année de création.")),
        Column(
            "parent",
            "string",
            _("Organisation mère ou initiatrice (identifiant d'adresse d'un acteur)."),
            lambda actor: published_slug(actor.parent),
        ),
        Column("members", "string", _("Membres (acteurs)."), slugs("members"), many=True),
        *ENTRY_TAIL,
    ),
    rows=lambda: selectors.published_entries(Actor),
    enrich=slug_lists("members", "tags"),
    foreign_keys=({"fields": "parent", "reference": {"resource": "", "fields": "slug"}},),
)

SCHEMES = Table(
    name="funding_schemes",
    title=_("Dispositifs de financement"),
    model=FundingScheme,
    columns=(
        *ENTRY_HEAD,
        Column("kind", "string", _("Type de dispositif (code).")),
        Column("state", "string", _("État : open, ongoing ou closed.")),
        Column("announced_year", "integer", _("Année d'annonce.")),
        Column("announced_month", "integer", _("Mois d'annonce (1 à 12).")),
        Column("budget_eur", "number", _("Budget en euros.")),
        *in_both_languages("eligibility", "string", _("Éligibilité.")),
        *in_both_languages("sectors", "string", _("Secteurs visés, un par ligne.")),
        Column(
            "parent",
            "string",
            _("Dispositif parent (identifiant d'adresse)."),
            lambda scheme: published_slug(scheme.parent),
        ),
        Column("operators", "string", _("Opérateurs (acteurs)."), slugs("operators"), many=True),
        *ENTRY_TAIL,
    ),
    rows=lambda: selectors.published_entries(FundingScheme),
    enrich=slug_lists("operators", "tags"),
    foreign_keys=({"fields": "parent", "reference": {"resource": "", "fields": "slug"}},),
)

PROGRAMMES = Table(
    name="training_programmes",
    title=_("Formations"),
    model=TrainingProgramme,
    columns=(
        *ENTRY_HEAD,
        Column("diploma_type", "string", _("Type de formation (code).")),
        Column("teaching_format", "string", _("Modalité : on_site, remote ou hybrid.")),
        Column("language", "string", _("Langue d'enseignement : fr, en ou fr_en.")),
        Column("duration_hours", "integer", _("Durée en heures.")),
        Column("cost_eur", "number", _("Coût en euros.")),
        Column("city", "string", _("Ville.")),
        *in_both_languages("audience", "string", _("Public visé.")),
        *in_both_languages("objectives", "string", _("Objectifs pédagogiques, un par ligne.")),
        *in_both_languages("prerequisites", "string", _("Prérequis.")),
        Column(
            "providers", "string", _("Établissements (acteurs)."), slugs("providers"), many=True
        ),
        *ENTRY_TAIL,
    ),
    rows=lambda: selectors.published_entries(TrainingProgramme),
    enrich=slug_lists("providers", "tags"),
)

AWARDS = Table(
    name="awards",
    title=_("Financements attribués"),
    model=Award,
    columns=(
        Column("id", "integer", _("Identifiant numérique, stable.")),
        Column(
            "scheme", "string", _("Dispositif (identifiant d'adresse)."), lambda a: a.scheme.slug
        ),
        Column("actor", "string", _("Bénéficiaire (acteur)."), lambda award: award.actor.slug),
        Column("amount_eur", "number", _("Montant en euros, s'il est public.")),
        Column("year", "integer", _("Année.")),
        *in_both_languages("note", "string", _("Note.")),
    ),
    rows=selectors.published_awards,
    primary_key="id",
    foreign_keys=(
        {"fields": "scheme", "reference": {"resource": "funding_schemes", "fields": "slug"}},
        {"fields": "actor", "reference": {"resource": "actors", "fields": "slug"}},
    ),
)

TAGS = Table(
    name="tags",
    title=_("Thèmes"),
    model=Tag,
    columns=(
        Column("id", "integer", _("Identifiant numérique, stable.")),
        Column("slug", "string", _("Identifiant d'adresse, stable.")),
        *in_both_languages("name", "string", _("Nom.")),
        Column("group", "string", _("Groupe (code).")),
        *in_both_languages("description", "string", _("Description.")),
    ),
    rows=selectors.published_tags,
)

ENTRY_TABLES = (ACTORS, SCHEMES, PROGRAMMES)
TABLES = {table.model: table for table in (*ENTRY_TABLES, AWARDS, TAGS)}
# Sources and key figures of published entries, each naming its entry by kind and slug.
DETAIL_MODELS = {"sources": Source, "key_figures": KeyFigure}
