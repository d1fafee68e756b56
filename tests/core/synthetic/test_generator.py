"""`manage.py generate_entries`: N published entries, well related, the same for the same seed."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from core.models import KeyFigure, PublicationStatus, SearchDocument, Source, Tag, TaggedEntry
from core.search import index as search
from core.search.terms import Query
from core.synthetic.generator import allocate, generator_modules
from ecosystem.models import Actor, ActorKind
from funding.models import Award, FundingScheme, SchemeKind
from trainings.models import TrainingProgramme

ENTRY_MODELS = [Actor, FundingScheme, TrainingProgramme]
# Compared through slugs instead: a sequence that a rollback does not reset changes them.
IDS = {"id", "parent_id"}
ASCII_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def generate(count, seed):
    call_command("generate_entries", count, seed=seed, stdout=StringIO())


@pytest.fixture(scope="module")
def atlas(django_db_setup, django_db_blocker):
    """1 000 generated entries, made once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(1000, seed=3)
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas")]


def entry_counts():
    return {model._meta.label: model.objects.count() for model in [*ENTRY_MODELS, Award]}


def test_generator_makes_exactly_n_entries_of_the_advertised_mix():
    assert entry_counts() == {
        "ecosystem.Actor": 500,
        "funding.FundingScheme": 100,
        "trainings.TrainingProgramme": 150,
        "funding.Award": 250,
    }


def test_generator_publishes_every_entry():
    for model in ENTRY_MODELS:
        assert set(model.objects.values_list("status", flat=True)) == {PublicationStatus.PUBLISHED}
        assert model.objects.published().count() == model.objects.count()
    assert Award.objects.published().count() == 250


def test_generator_entries_pass_validation():
    for model in [*ENTRY_MODELS, Award]:
        for instance in model.objects.order_by("pk")[::25]:
            instance.full_clean()


def test_generator_slugs_are_ascii():
    for model in [*ENTRY_MODELS, Tag]:
        slugs = list(model.objects.values_list("slug", flat=True))
        assert [slug for slug in slugs if not ASCII_SLUG.fullmatch(slug)] == [], model


def test_generator_tags_every_entry_from_a_vocabulary_of_hundreds():
    for model in ENTRY_MODELS:
        assert model.objects.filter(tags__isnull=True).count() == 0, model
    assert 200 <= Tag.objects.count() <= 400
    assert TaggedEntry.objects.values("tag").distinct().count() > 150


def test_generator_relates_entries():
    consortia = Actor.objects.filter(kind=ActorKind.CONSORTIUM)
    assert consortia.exists()
    assert consortia.filter(members__isnull=True).count() == 0
    assert Actor.objects.filter(parent__isnull=False).exclude(parent__children=None).exists()
    assert FundingScheme.objects.filter(operators__isnull=True).count() == 0
    assert set(
        FundingScheme.objects.filter(parent__isnull=False).values_list("parent__kind", flat=True)
    ) == {SchemeKind.INVESTMENT_PLAN}
    assert TrainingProgramme.objects.filter(providers__isnull=True).count() == 0
    assert KeyFigure.objects.exists() and Source.objects.exists()


def test_generator_indexes_entries_for_search():
    assert SearchDocument.objects.count() == 750 + Tag.objects.count()
    actor = Actor.objects.order_by("pk").first()
    sections = search.search(Query.parse(actor.name))
    found = [result.object for section in sections for result in section.results]
    assert actor in found


def snapshot():
    """Everything generated, with the relations by slug."""
    slugs = {model: dict(model.objects.values_list("pk", "slug")) for model in ENTRY_MODELS}
    rows = {}
    for model in ENTRY_MODELS:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in IDS]
        if any(f.name == "parent" for f in model._meta.fields):
            fields.append("parent__slug")
        rows[model._meta.label] = {row["slug"]: row for row in model.objects.values(*fields)}
    rows["members"] = sorted(
        Actor.members.through.objects.values_list("from_actor__slug", "to_actor__slug")
    )
    rows["operators"] = sorted(
        FundingScheme.operators.through.objects.values_list("fundingscheme__slug", "actor__slug")
    )
    rows["providers"] = sorted(
        TrainingProgramme.providers.through.objects.values_list(
            "trainingprogramme__slug", "actor__slug"
        )
    )
    awards = Award.objects.values_list("scheme__slug", "actor__slug", "amount_eur", "year", "note")
    rows["awards"] = sorted(awards, key=repr)
    for detail in [TaggedEntry, KeyFigure, Source]:
        fields = [f.name for f in detail._meta.concrete_fields if f.name not in ("id", "object_id")]
        rows[detail._meta.label] = sorted(
            (
                slugs[row.content_type.model_class()][row.object_id],
                *(str(getattr(row, name)) for name in fields),
            )
            for row in detail.objects.select_related("content_type")
        )
    return rows


def generated_snapshot(count, seed):
    """What `generate_entries count --seed seed` makes on the module's atlas, then undone."""
    savepoint = transaction.savepoint()
    generate(count, seed=seed)
    rows = snapshot()
    transaction.savepoint_rollback(savepoint)
    return rows


def test_generator_gives_the_same_rows_for_the_same_seed():
    first = generated_snapshot(200, seed=11)
    again = generated_snapshot(200, seed=11)
    assert again == first


def test_generator_gives_other_rows_for_another_seed():
    first = generated_snapshot(200, seed=11)
    other = generated_snapshot(200, seed=12)
    assert {label: rows != first[label] for label, rows in other.items()} == dict.fromkeys(
        first, True
    )


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_generator_adds_exactly_n_entries_however_few(count):
    before = sum(entry_counts().values())
    generate(count, seed=5)
    assert sum(entry_counts().values()) - before == count


def test_allocate_splits_a_total_by_largest_remainder():
    shares = {
        label: share for module in generator_modules() for label, share in module.SHARES.items()
    }
    assert allocate(1000, shares) == {
        "ecosystem.Actor": 500,
        "funding.FundingScheme": 100,
        "funding.Award": 250,
        "trainings.TrainingProgramme": 150,
    }
    assert [sum(allocate(total, shares).values()) for total in range(12)] == list(range(12))
