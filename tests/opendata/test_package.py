"""The whole atlas as a data package: valid Frictionless, published only, and loadable back."""

import io
import zipfile
from decimal import Decimal

import frictionless
import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from core.models import KeyFigure, PublicationStatus, Source, Tag
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from opendata import package, package_load
from tests import factories
from trainings.models import TrainingProgramme

pytestmark = pytest.mark.django_db


@pytest.fixture
def atlas():
    """A little of everything, with a draft at the end of every kind of relation."""
    imaging = factories.make_tag("Imagerie médicale", name_en="Medical imaging")
    diabetes = factories.make_tag("Diabète")
    factories.make_tag("Thème des brouillons seulement")
    group = factories.make_actor(name="Groupe", kind="investor", founding_year=1990, tags=[imaging])
    draft = factories.make_actor(name="Acteur brouillon", status=PublicationStatus.DRAFT)
    archived = factories.make_actor(name="Acteur archivé", status=PublicationStatus.ARCHIVED)
    actor = factories.make_actor(
        name="=Gleamer",
        slug="gleamer",
        city="Paris",
        region="IDF",
        parent=group,
        description='Deux lignes\n\net des « guillemets », des virgules, "des quotes".',
        summary_en="Reads X-rays.",
        tags=[imaging, diabetes],
    )
    actor.members.add(group, draft)
    factories.make_source(actor, title="Coder pour soigner", publisher="Le Monde")
    factories.make_key_figure(actor, label="Levée", label_en="Raised", value="27 M€")
    factories.make_source(draft, title="Source cachée")
    plan = factories.make_scheme(name="France 2030", budget_eur=Decimal("7500000000.00"))
    scheme = factories.make_scheme(
        name="Appel IA",
        parent=plan,
        operators=[group, archived],
        announced_year=2023,
        announced_month=2,
        sectors="Santé\nIA",
        tags=[imaging],
    )
    award = factories.make_award(
        scheme=scheme, actor=actor, amount_eur=Decimal("4500000"), year=2023
    )
    factories.make_source(award, title="Communiqué", title_en="Press release")
    factories.make_award(scheme=scheme, actor=draft, amount_eur=Decimal("1"))
    factories.make_programme(
        name="DU IA en santé",
        providers=[group, draft],
        duration_hours=120,
        cost_eur=Decimal("1500.50"),
    )
    factories.make_scheme(name="Dispositif programmé", status=PublicationStatus.REVIEW)


def build(client):
    response = client.get("/donnees/atlas-ia-sante.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return b"".join(response.streaming_content)


def members(archive_bytes):
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_package_is_a_valid_frictionless_data_package(client, atlas, tmp_path):
    with zipfile.ZipFile(io.BytesIO(build(client))) as archive:
        archive.extractall(tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [
        resource.name for resource in frictionless.Package(tmp_path / "datapackage.json").resources
    ]
    assert names == [
        "tags",
        "actors",
        "funding_schemes",
        "training_programmes",
        "awards",
        "sources",
        "key_figures",
    ]


def test_package_holds_only_published_entries_and_public_tags(client, atlas):
    files = members(build(client))
    everything = "".join(files.values())
    for hidden in ("acteur-brouillon", "Acteur brouillon", "acteur-archive", "Source cachée"):
        assert hidden not in everything
    assert "dispositif-programme" not in everything
    assert "theme-des-brouillons-seulement" not in files["tags.csv"]
    assert files["awards.csv"].count("\n") == 2  # the header and the one public award
    assert files["actors.csv"].splitlines()[0] == (
        "id,slug,name,name_en,summary,summary_en,description,description_en,website,url,kind,"
        "city,region,founding_year,parent,members,tags,created_at,updated_at"
    )


def test_package_loads_into_an_empty_atlas_and_exports_the_same(client, atlas):
    first = build(client)
    Award.objects.all().delete()
    for model in (Source, KeyFigure, TrainingProgramme, FundingScheme, Actor, Tag):
        model.objects.all().delete()

    package_load.load(io.BytesIO(first))

    assert sorted(Actor.objects.values_list("slug", flat=True)) == ["gleamer", "groupe"]
    gleamer = Actor.objects.get(slug="gleamer")
    assert gleamer.name == "=Gleamer"
    assert list(gleamer.members.values_list("slug", flat=True)) == ["groupe"]
    assert gleamer.parent.slug == "groupe"
    assert (gleamer.summary_fr, gleamer.summary_en, gleamer.description_en) == (
        "Résumé de gleamer.",
        "Reads X-rays.",
        None,
    )
    assert Tag.objects.get(slug="imagerie-medicale").name_en == "Medical imaging"
    assert list(KeyFigure.objects.values_list("label_fr", "label_en")) == [("Levée", "Raised")]
    assert Source.objects.get(title="Communiqué").title_en == "Press release"
    assert sorted(gleamer.tags.values_list("slug", flat=True)) == ["diabete", "imagerie-medicale"]
    scheme = FundingScheme.objects.get(slug="appel-ia")
    assert (scheme.parent.slug, scheme.announced_month, scheme.sectors) == (
        "france-2030",
        2,
        "Santé\nIA",
    )
    assert list(scheme.awards.values_list("actor__slug", "amount_eur")) == [
        ("gleamer", Decimal("4500000.00"))
    ]
    programme = TrainingProgramme.objects.get()
    assert (programme.cost_eur, programme.duration_hours) == (Decimal("1500.50"), 120)
    second = build(client)
    first_files, second_files = members(first), members(second)
    first_files.pop("datapackage.json"), second_files.pop("datapackage.json")
    assert second_files == first_files


def test_package_is_built_once_per_content_version(client, atlas):
    build(client)
    first = package.current()
    assert first is not None
    assert package.current().name == first.name
    factories.make_actor(name="Nouvel acteur")
    assert package.current() is None
    assert "nouvel-acteur" in members(build(client))["actors.csv"]


def test_command_builds_the_package_and_the_data_page_gives_its_size(client, atlas):
    out = io.StringIO()
    call_command("build_datapackage", "--base-url", "https://atlas.example.org/", stdout=out)
    built = package.current()
    assert out.getvalue().startswith(f"{built.name}: {built.size} bytes")
    assert "https://atlas.example.org/acteurs/gleamer/" in members(build(client))["actors.csv"]

    html = client.get("/donnees/").content.decode()
    assert '<a href="/donnees/atlas-ia-sante.zip"' in html
    size = f"{built.size / 1024:.1f}\xa0Kio".replace(".", ",")
    day = date_format(timezone.localtime(built.built_at), "DATE_FORMAT")
    assert f"— construit le {day}, {size}</p>" in html
    assert "<li>Acteurs : 2</li>" in html
    assert "Licence Ouverte / Open Licence 2.0" in html
    english = client.get("/en/data/").content.decode()
    assert '<a href="/en/data/atlas-ia-sante.zip"' in english
