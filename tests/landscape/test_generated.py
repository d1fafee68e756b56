"""On generated data (as the benchmark's), the map and the panorama draw the database's numbers."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from ecosystem.models import Actor, ActorKind, Region
from funding.models import Award
from landscape.measures import labelled
from tests.landscape.markup import marks, svgs

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(db):
    call_command("generate_entries", 300, seed=3, stdout=StringIO())


def test_map_equals_the_database_counts_by_region(client, generated):
    (svg,) = svgs(client.get("/carte/?kind=company").content.decode(), "choropleth")
    counts = dict(
        Actor.objects.published()
        .filter(kind="company")
        .values_list("region")
        .annotate(n=Count("pk"))
        .order_by()
    )

    drawn = {name.split("\u00a0:")[0]: int(name.split(": ")[1].split()[0]) for name in marks(svg)}
    assert drawn == {label: counts.get(code, 0) for code, label in Region.choices}
    assert sum(drawn.values()) > 0


def test_panorama_equals_the_database_counts_by_kind_and_year(client, generated):
    charts = {
        svg.get("aria-labelledby"): marks(svg)
        for svg in svgs(client.get("/panorama/").content.decode(), "bars")
    }
    kinds = dict(Actor.objects.published().values_list("kind").annotate(n=Count("pk")).order_by())
    labels = dict(ActorKind.choices)
    expected = {
        labelled(labels[kind], f"{count} acteur{'s' if count > 1 else ''}")
        for kind, count in kinds.items()
    }
    years = (
        Award.objects.published()
        .filter(year__isnull=False)
        .values_list("year")
        .annotate(n=Count("pk"), amount=Sum("amount_eur"))
    )

    assert set(charts["actors-by-kind-title"]) == expected
    assert len(charts["funding-by-year-title"]) == len(years) > 0
    for year, count, _amount in years:
        assert any(
            name.startswith(f"{year}\u00a0: ")
            and name.endswith(f"{count} financement" + ("s" if count > 1 else ""))
            for name in charts["funding-by-year-title"]
        )
