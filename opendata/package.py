"""The whole atlas as a Frictionless Data Package: one CSV per resource and datapackage.json, zipped.

The package is built once per content version (core.cache): any change to the content gives a
new version, and the next request, or `manage.py build_datapackage`, builds it again. It is kept
in the default storage; older versions are removed once a new one is saved.

Cells follow the downloads' rules (opendata.downloads): lists joined with ` | `, and text that a
spreadsheet would run kept as text by a leading apostrophe (opendata.package_load removes it).
"""

import datetime
import json
import tempfile
import zipfile
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.caching.pages import content_version
from opendata import selectors
from opendata.downloads import csv_chunks, records
from opendata.tables import (
    ACTORS,
    AWARDS,
    ENTRY_TABLES,
    PROGRAMMES,
    SCHEMES,
    TAGS,
    Column,
    Table,
    in_both_languages,
)

FOLDER = "opendata"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
DETAIL_HEAD = (
    Column(
        "entry_type",
        "string",
        _("Type de la fiche : actor, funding_scheme, training_programme ou award."),
    ),
    Column("entry", "string", _("La fiche : son identifiant d'adresse, ou l'id d'un financement.")),
    Column("position", "integer", _("Ordre parmi les éléments de la même fiche.")),
)
SOURCES = Table(
    name="sources",
    title=_("Sources"),
    model=None,
    columns=(
        *DETAIL_HEAD,
        *in_both_languages("title", "string", _("Titre du document.")),
        Column("url", "string", _("Adresse du document.")),
        Column("publisher", "string", _("Éditeur.")),
    ),
    primary_key=None,
)
KEY_FIGURES = Table(
    name="key_figures",
    title=_("Chiffres clés"),
    model=None,
    columns=(
        *DETAIL_HEAD,
        *in_both_languages("label", "string", _("Libellé.")),
        *in_both_languages("value", "string", _("Valeur, telle que la source l'écrit.")),
        Column("source_url", "string", _("Adresse de la source du chiffre.")),
    ),
    primary_key=None,
)
ENTRY_TYPES = {ACTORS: "actor", SCHEMES: "funding_scheme", PROGRAMMES: "training_programme"}
RESOURCES = (TAGS, *ENTRY_TABLES, AWARDS, SOURCES, KEY_FIGURES)


@dataclass(frozen=True)
class BuiltPackage:
    name: str
    size: int
    built_at: datetime.datetime


def table_schema(table):
    """The Table Schema of one resource."""
    schema = {
        "fields": [
            {"name": column.name, "type": column.type, "description": str(column.description)}
            for column in table.columns
        ],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = [table.primary_key]
    if table.foreign_keys:
        schema["foreignKeys"] = list(table.foreign_keys)
    return schema


def descriptor(built_at):
    """datapackage.json: the package, its licence and each resource with its schema."""
    return {
        "name": "atlas-ia-sante",
        "title": "Atlas IA Santé",
        "description": "Acteurs, financements publics et formations de l'intelligence "
        "artificielle en santé en France : toutes les fiches publiées.",
        "created": built_at.isoformat(),
        "licenses": [LICENCE],
        "resources": [
            {
                "name": table.name,
                "title": str(table.title),
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in RESOURCES
        ],
    }


def details(entries):
    """Fetch the sources and key figures of a batch of entries of one kind."""
    if entries:
        prefetch_related_objects(entries, "sources", "key_figures")
    return entries


def award_details(awards):
    prefetch_related_objects(awards, "sources")
    return awards


def detail_rows(attribute, fields):
    """Rows of each published entry's and award's sources or key figures, entry by entry."""
    for table, entry_type in ENTRY_TYPES.items():
        for entry in selectors.in_batches(table.rows().order_by("pk"), details):
            for detail in getattr(entry, attribute).all():
                yield [
                    entry_type,
                    entry.slug,
                    detail.position,
                    *(getattr(detail, f) for f in fields),
                ]
    if attribute == "sources":
        for award in selectors.in_batches(AWARDS.rows().order_by("pk"), award_details):
            for source in award.sources.all():
                yield ["award", award.pk, source.position, *(getattr(source, f) for f in fields)]


def resource_rows(table, build_url):
    if table is SOURCES:
        return detail_rows("sources", ["title_fr", "title_en", "url", "publisher"])
    if table is KEY_FIGURES:
        return detail_rows(
            "key_figures", ["label_fr", "label_en", "value_fr", "value_en", "source_url"]
        )
    return records(table, table.rows().order_by("pk"), build_url)


def write(file, *, build_url, built_at):
    """Write the zipped package to `file`, one resource after another, memory flat."""
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json", json.dumps(descriptor(built_at), ensure_ascii=False, indent=2)
        )
        for table in RESOURCES:
            with archive.open(f"{table.name}.csv", "w") as member:
                rows = resource_rows(table, build_url)
                for chunk in csv_chunks(table, rows, byte_order_mark=False):
                    member.write(chunk.encode())


def package_name(version):
    return f"{FOLDER}/atlas-ia-sante-{version}.zip"


def current(*, build_url=None):
    """The package of the current content, built now if it is not yet and `build_url` is given.

    None when it is not built and no `build_url` was given (a page only shows what exists).
    """
    # Without a cache to say what changed, the last package built is served rather than one
    # rebuilt per request.
    name = package_name(content_version() or "latest")
    if not default_storage.exists(name):
        if build_url is None:
            return None
        build(name, build_url=build_url)
    return BuiltPackage(
        name=name,
        size=default_storage.size(name),
        built_at=default_storage.get_modified_time(name),
    )


def build(name, *, build_url):
    """Build the package under `name` in the storage, and remove those of older versions."""
    # Addresses in French, the source language: the package is the same whoever asks.
    with translation.override("fr"), tempfile.TemporaryFile() as file:
        write(file, build_url=build_url, built_at=timezone.now())
        file.seek(0)
        saved = default_storage.save(name, File(file))
    _folders, files = default_storage.listdir(FOLDER)
    for other in files:
        if f"{FOLDER}/{other}" != saved:
            default_storage.delete(f"{FOLDER}/{other}")
    return saved
