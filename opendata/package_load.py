"""Load a data package that opendata.package wrote into an atlas with no content yet.

Entries keep their ids, slugs and dates, and come in published, as they were exported: this is
how an atlas is copied whole (a mirror, a test), not how editors add content (that is the
import of the back-office, whose rows wait for a reviewer).
"""

import csv
import io
import zipfile

from django.db import transaction
from django.utils.dateparse import parse_datetime

from core.caching.pages import content_changed
from core.models import KeyFigure, PublicationStatus, Source, Tag
from core.transfer.cells import FORMULA_TRIGGERS
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from opendata.tables import ACTORS, LIST_SEPARATOR, PROGRAMMES, SCHEMES
from trainings.models import TrainingProgramme

# Columns given as slugs of other entries, or as text that is not a field of the model.
RELATIONS = {
    ACTORS: {"parent": Actor, "members": Actor},
    SCHEMES: {"parent": FundingScheme, "operators": Actor},
    PROGRAMMES: {"providers": Actor},
}
ENTRY_MODELS = {
    "actor": Actor,
    "funding_scheme": FundingScheme,
    "training_programme": TrainingProgramme,
}


def cell(text):
    """A cell's value as it was before a spreadsheet-safe apostrophe was put in front of it."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def rows(archive, name):
    with archive.open(f"{name}.csv") as member:
        reader = csv.DictReader(io.TextIOWrapper(member, encoding="utf-8", newline=""))
        return [{key: cell(value) for key, value in row.items()} for row in reader]


def split(text):
    return [item for item in text.split(LIST_SEPARATOR) if item]


def load_entries(archive, table, tags):
    """Create `table`'s entries; return (entry, row) pairs for their relations."""
    model = table.model
    relations = RELATIONS[table]
    loaded = []
    for row in rows(archive, table.name):
        fields = {
            name: (value or None) if model._meta.get_field(name).null else value
            for name, value in row.items()
            if name not in {*relations, "tags", "url", "updated_at"}
        }
        fields["created_at"] = parse_datetime(row["created_at"])
        entry = model.objects.create(status=PublicationStatus.PUBLISHED, **fields)
        entry.tags.set([tags[slug] for slug in split(row["tags"])])
        loaded.append((entry, row))
    return loaded


def link(loaded, table):
    """Set the relations of loaded entries, now that every entry exists."""
    for entry, row in loaded:
        for name, model in RELATIONS[table].items():
            slugs = split(row[name])
            related = {other.slug: other for other in model.objects.filter(slug__in=slugs)}
            if name == "parent":
                entry.parent = related.get(row[name])
                entry.save(update_fields=["parent"])
            else:
                getattr(entry, name).set([related[slug] for slug in slugs])


def load_details(archive, awards):
    """Create the sources and key figures, each on the entry or award it names."""
    entries = {}
    for resource, model in [("sources", Source), ("key_figures", KeyFigure)]:
        for row in rows(archive, resource):
            entry_type, key = row.pop("entry_type"), row.pop("entry")
            if entry_type == "award":
                entry = awards[int(key)]
            else:
                entry = entries.get((entry_type, key)) or ENTRY_MODELS[entry_type].objects.get(
                    slug=key
                )
                entries[entry_type, key] = entry
            model.objects.create(entry=entry, **row)


@transaction.atomic
def load(file):
    """Load the zipped package in `file` (a path or a binary file)."""
    with zipfile.ZipFile(file) as archive:
        tags = {}
        for row in rows(archive, "tags"):
            tags[row["slug"]] = Tag.objects.create(**row)
        loaded = {table: load_entries(archive, table, tags) for table in RELATIONS}
        for table, entries in loaded.items():
            link(entries, table)
        awards = {}
        for row in rows(archive, "awards"):
            award = Award.objects.create(
                id=row["id"],
                scheme=FundingScheme.objects.get(slug=row["scheme"]),
                actor=Actor.objects.get(slug=row["actor"]),
                amount_eur=row["amount_eur"] or None,
                year=row["year"] or None,
                note=row["note"],
            )
            awards[award.pk] = award
        load_details(archive, awards)
        # Saving set each entry's update date to now: give it back the one exported.
        for table, entries in loaded.items():
            for entry, row in entries:
                table.model.objects.filter(pk=entry.pk).update(
                    updated_at=parse_datetime(row["updated_at"])
                )
    content_changed()
