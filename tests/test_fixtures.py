"""The demo fixtures: they load cleanly, twice, and say what the source article says."""

import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from simple_history.models import HistoricalChanges

from core.models import KeyFigure, PublicationStatus, Source, Tag
from core.public.languages import translated_fields
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from trainings.models import TrainingProgramme

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
DEMO_APPS = ["core", "ecosystem", "funding", "trainings"]
ENTRY_MODELS = [Actor, FundingScheme, TrainingProgramme]
ARTICLE_TITLE = (
    f"Coder pour soigner{NBSP}: les nouvelles formations qui transforment la médecine française"
)

ACTOR_SLUGS = {
    "doctolib",
    "gleamer",
    "therapixel",
    "synapse-medicine",
    "azmed",
    "presage-care",
    "diabeloop",
    "owkin",
    "agence-innovation-sante",
    "bpifrance",
    "ap-hp",
    "gustave-roussy",
    "universite-de-paris",
    "universite-de-lille",
    "universite-de-bourgogne",
    "campus-medtech-saint-martin-d-heres",
    "doliam",
    "portrait",
}
SCHEME_SLUGS = {"france-2030", "french-tech-2030", "innovation-sante-2030"}
PROGRAMME_SLUGS = {
    "du-intelligence-artificielle-appliquee-a-la-sante",
    "parcours-management-intelligence-artificielle-sante",
    "diu-intelligence-artificielle-generative-en-sante",
}

# Every figure of the article, where the atlas shows it, in display order.
ARTICLE_KEY_FIGURES = {
    ("actor", "doctolib"): [("Valorisation", f">{NBSP}1{NBSP}Md€")],
    ("actor", "gleamer"): [("Abondement France 2030", f"4,5{NBSP}M€")],
    ("actor", "presage-care"): [("Passages aux urgences prédits", f"80{NBSP}%")],
    ("actor", "agence-innovation-sante"): [("Lancement", "novembre 2022")],
    ("actor", "campus-medtech-saint-martin-d-heres"): [
        ("Surface du site", f"≈{NBSP}1{NBSP}ha"),
        ("Bâtiments réaménagés", f"5{NBSP}000{NBSP}m²"),
    ],
    ("fundingscheme", "french-tech-2030"): [
        ("Entreprises sélectionnées", "125"),
        ("Entreprises du secteur de la santé", "25"),
    ],
    ("fundingscheme", "innovation-sante-2030"): [
        ("Dépendance estimée aux importations biomédicales", f"95{NBSP}%")
    ],
    ("trainingprogramme", "du-intelligence-artificielle-appliquee-a-la-sante"): [
        ("Durée", f"90{NBSP}h")
    ],
}

# The same figures in English: same numbers, English units and separators.
ARTICLE_KEY_FIGURES_IN_ENGLISH = {
    ("actor", "doctolib"): [("Valuation", "> €1bn")],
    ("actor", "gleamer"): [("France 2030 funding", "€4.5m")],
    ("actor", "presage-care"): [("Emergency department visits predicted", "80%")],
    ("actor", "agence-innovation-sante"): [("Launched", "November 2022")],
    ("actor", "campus-medtech-saint-martin-d-heres"): [
        ("Site area", "≈ 1 ha"),
        ("Buildings refurbished", "5,000 m²"),
    ],
    ("fundingscheme", "french-tech-2030"): [
        ("Companies selected", "125"),
        ("Companies in health", "25"),
    ],
    ("fundingscheme", "innovation-sante-2030"): [
        ("Estimated dependence on biomedical imports", "95%")
    ],
    ("trainingprogramme", "du-intelligence-artificielle-appliquee-a-la-sante"): [
        ("Length", "90 hours")
    ],
}


def load_demo_files():
    """Load the demo fixtures from their files, whatever FIXTURE_DIRS says."""
    paths = [
        settings.BASE_DIR / "fixtures" / f"{name}.json" for name in settings.ATLAS_DEMO_FIXTURES
    ]
    call_command("loaddata", *paths, verbosity=0)


def dump_demo_apps():
    out = io.StringIO()
    call_command("dumpdata", *DEMO_APPS, indent=1, stdout=out)
    return out.getvalue()


def all_entries():
    return [entry for model in ENTRY_MODELS for entry in model.objects.all()]


def test_demo_fixtures_load_by_name():
    # `make run` loads them this way (core's load_demo command): by name, not by path.
    call_command("loaddata", *settings.ATLAS_DEMO_FIXTURES, verbosity=0)

    assert Actor.objects.count() == len(ACTOR_SLUGS)


def test_demo_fixtures_loading_twice_changes_nothing():
    load_demo_files()
    first = dump_demo_apps()
    load_demo_files()

    assert dump_demo_apps() == first


def test_demo_entries_exist_and_are_published():
    load_demo_files()

    published = PublicationStatus.PUBLISHED
    assert set(Actor.objects.filter(status=published).values_list("slug", flat=True)) == (
        ACTOR_SLUGS
    )
    assert set(FundingScheme.objects.filter(status=published).values_list("slug", flat=True)) == (
        SCHEME_SLUGS
    )
    assert (
        set(TrainingProgramme.objects.filter(status=published).values_list("slug", flat=True))
        == PROGRAMME_SLUGS
    )
    assert sum(model.objects.count() for model in ENTRY_MODELS) == (
        len(ACTOR_SLUGS) + len(SCHEME_SLUGS) + len(PROGRAMME_SLUGS)
    )


def test_demo_objects_pass_full_clean():
    load_demo_files()

    errors = []
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges):
                # Revisions are the history's own records, not demo content.
                continue
            for obj in model.objects.all():
                try:
                    obj.full_clean()
                except ValidationError as error:
                    errors.append((model.__name__, obj.pk, error.message_dict))

    assert errors == []


def test_gleamer_award_is_4_5_million_from_france_2030():
    load_demo_files()

    awards = Award.objects.filter(actor__slug="gleamer")

    assert list(awards.values_list("scheme__slug", "amount_eur", "year")) == [
        ("france-2030", Decimal("4500000.00"), None)
    ]
    assert [source.title for source in awards.get().sources.all()] == [ARTICLE_TITLE]


def test_french_tech_2030_is_part_of_france_2030():
    load_demo_files()

    scheme = FundingScheme.objects.get(slug="french-tech-2030")

    assert scheme.parent.slug == "france-2030"
    assert (scheme.announced_year, scheme.announced_month) == (2023, 2)
    assert [figure.value for figure in scheme.key_figures.all()] == ["125", "25"]
    assert list(scheme.operators.values_list("slug", flat=True)) == ["agence-innovation-sante"]
    assert scheme.sector_list == [
        "bioproduction",
        "biomédicaments",
        "maladies émergentes",
        "santé numérique",
        "dispositifs médicaux",
    ]


def test_health_plans_hang_under_france_2030():
    load_demo_files()

    france_2030 = FundingScheme.objects.get(slug="france-2030")

    assert set(france_2030.children.values_list("slug", flat=True)) == {
        "french-tech-2030",
        "innovation-sante-2030",
    }
    assert list(france_2030.operators.values_list("slug", flat=True)) == ["bpifrance"]


def test_portrait_members_are_owkin_ap_hp_and_gustave_roussy():
    load_demo_files()

    portrait = Actor.objects.get(slug="portrait")

    assert set(portrait.members.values_list("slug", flat=True)) == {
        "owkin",
        "ap-hp",
        "gustave-roussy",
    }
    assert portrait.parent.slug == "owkin"


def test_campus_medtech_parent_is_doliam():
    load_demo_files()

    campus = Actor.objects.get(slug="campus-medtech-saint-martin-d-heres")

    assert campus.parent.slug == "doliam"
    assert (campus.kind, campus.city, campus.region) == ("campus", "Saint-Martin-d'Hères", "ARA")


def test_agence_innovation_sante_founding_year_is_2022():
    load_demo_files()

    assert Actor.objects.get(slug="agence-innovation-sante").founding_year == 2022


def test_du_duration_is_90_hours():
    load_demo_files()

    programme = TrainingProgramme.objects.get(
        slug="du-intelligence-artificielle-appliquee-a-la-sante"
    )

    assert programme.duration_hours == 90
    assert list(programme.providers.values_list("slug", flat=True)) == ["universite-de-paris"]
    assert len(programme.objective_list) == 3


def test_demo_key_figures_are_the_article_figures():
    load_demo_files()

    figures = {}
    for figure in KeyFigure.objects.order_by("content_type", "object_id", "position"):
        key = (figure.content_type.model, figure.entry.slug)
        figures.setdefault(key, []).append((figure.label, figure.value))

    assert figures == ARTICLE_KEY_FIGURES


def test_demo_key_figures_in_english_are_the_article_figures():
    load_demo_files()

    figures = {}
    for figure in KeyFigure.objects.order_by("content_type", "object_id", "position"):
        key = (figure.content_type.model, figure.entry.slug)
        figures.setdefault(key, []).append((figure.label_en, figure.value_en))

    assert figures == ARTICLE_KEY_FIGURES_IN_ENGLISH


def test_every_demo_text_has_its_english():
    load_demo_files()

    missing = [
        f"{model._meta.label} {obj.pk} {field}"
        for model in [*ENTRY_MODELS, Tag, KeyFigure, Award, Source]
        for obj in model.objects.all()
        for field in translated_fields(model)
        if getattr(obj, f"{field}_fr")
        and not getattr(obj, f"{field}_en")
        # The article is a French document: it is cited by its own, French, title.
        and not (model is Source and obj.title_fr == ARTICLE_TITLE)
    ]

    assert missing == []


def test_demo_entries_cite_the_article_first():
    load_demo_files()

    not_citing = [
        entry.slug
        for entry in all_entries()
        if [source.title for source in entry.sources.all()][:1] != [ARTICLE_TITLE]
    ]

    assert not_citing == []
    # The article has no public address: it is cited by its title alone.
    assert set(Source.objects.filter(title=ARTICLE_TITLE).values_list("url", flat=True)) == {""}


def test_demo_entries_have_between_two_and_six_tags():
    load_demo_files()

    badly_tagged = [entry.slug for entry in all_entries() if not 2 <= entry.tags.count() <= 6]

    assert badly_tagged == []


def test_demo_tags_are_all_used():
    load_demo_files()

    assert list(Tag.objects.filter(tagged_entries__isnull=True)) == []
    assert Tag.objects.count() == 27


def test_sante_numerique_tag_spans_every_kind_of_entry():
    load_demo_files()

    tagged_models = set(
        Tag.objects.get(slug="sante-numerique").tagged_entries.values_list(
            "content_type__model", flat=True
        )
    )

    assert tagged_models == {"actor", "fundingscheme", "trainingprogramme"}
