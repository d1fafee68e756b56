"""Editing funding schemes and awards in the back-office, from the scheme's and actor's side."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.models import PublicationStatus
from funding.models import SchemeKind, SchemeState
from tests import factories
from tests.admin_page import (
    changelist_column,
    fieldset_titles,
    heading,
    inline_titles,
    result_count,
)
from tests.html_page import page

pytestmark = pytest.mark.django_db

SOURCES = "core-source-content_type-object_id"
KEY_FIGURES = "core-keyfigure-content_type-object_id"
AWARDS = "awards"


def test_scheme_changelist_lists_schemes_with_their_kind(editor_client):
    factories.make_scheme(name="France 2030", kind=SchemeKind.INVESTMENT_PLAN)
    factories.make_scheme(name="Bourse French Tech", kind=SchemeKind.GRANT)

    response = editor_client.get("/admin/funding/fundingscheme/")

    assert heading(response) == "Sélectionnez l’objet dispositif de financement à changer"
    assert changelist_column(response) == ["Bourse French Tech", "France 2030"]
    assertContains(response, '<td class="field-kind">Plan d\'investissement</td>', html=True)


def test_scheme_changelist_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries):
    tags = [factories.make_tag(), factories.make_tag()]
    operator = factories.make_actor()

    def make_schemes(count):
        for _ in range(count):
            factories.make_award(scheme=factories.make_scheme(tags=tags, operators=[operator]))

    make_schemes(5)
    # The first request fills per-process caches (content types): compare warm ones.
    editor_client.get("/admin/funding/fundingscheme/")
    with CaptureQueriesContext(connection) as few_rows:
        editor_client.get("/admin/funding/fundingscheme/")
    make_schemes(25)

    with django_assert_num_queries(len(few_rows)):
        response = editor_client.get("/admin/funding/fundingscheme/")
    assert result_count(response) == "30 dispositifs de financement"


def test_scheme_search_finds_the_scheme_by_summary(editor_client):
    plan = factories.make_scheme(name="France 2030", summary="Plan d'investissement national.")
    factories.make_scheme(name="Bourse French Tech", summary="Subvention aux jeunes pousses.")

    response = editor_client.get("/admin/funding/fundingscheme/", {"q": "national"})

    assert changelist_column(response) == [plan.name]


def test_scheme_add_page_shows_sections_and_inlines(editor_client):
    response = editor_client.get("/admin/funding/fundingscheme/add/")

    assertContains(response, "<h1>Ajout de dispositif de financement</h1>", html=True)
    assert fieldset_titles(response) == [
        "Identité",
        "Présentation",
        "Calendrier et budget",
        "Conditions",
        "Dispositifs et acteurs liés",
        "Image",
        "Publication",
    ]
    assert inline_titles(response) == ["Sources", "Chiffres clés", "Financements attribués"]


def test_scheme_change_page_labels_each_award_with_its_actor(editor_client):
    scheme = factories.make_scheme(name="France 2030")
    gleamer = factories.make_actor(name="Gleamer")
    factories.make_award(scheme=scheme, actor=gleamer, amount_eur=Decimal(4_500_000))

    response = editor_client.get(f"/admin/funding/fundingscheme/{scheme.pk}/change/")

    assertContains(response, "<h2>France 2030</h2>", html=True)
    assertContains(response, f'<option value="{gleamer.pk}" selected>Gleamer</option>', html=True)


@pytest.mark.parametrize(
    ("url", "side"),
    [
        ("/admin/funding/fundingscheme/{scheme}/change/", "scheme"),
        ("/admin/ecosystem/actor/{actor}/change/", "actor"),
    ],
)
def test_award_inline_queries_do_not_grow_with_awards(
    editor_client, django_assert_num_queries, url, side
):
    scheme = factories.make_scheme()
    actor = factories.make_actor()
    url = url.format(scheme=scheme.pk, actor=actor.pk)

    def make_awards(count):
        for _ in range(count):
            if side == "scheme":
                factories.make_award(scheme=scheme)
            else:
                factories.make_award(actor=actor)

    make_awards(2)
    # The first request fills per-process caches (content types): compare warm ones.
    editor_client.get(url)
    with CaptureQueriesContext(connection) as few_awards:
        editor_client.get(url)
    make_awards(10)

    with django_assert_num_queries(len(few_awards)):
        response = editor_client.get(url)
    assert len(page(response).select(f"#{AWARDS}-group tr.has_original")) == 12


def test_scheme_change_form_adds_an_award(editor_client):
    scheme = factories.make_scheme(
        name="France 2030", slug="france-2030", kind=SchemeKind.PROGRAMME
    )
    gleamer = factories.make_actor(name="Gleamer")
    data = {
        "name": "France 2030",
        "slug": "france-2030",
        "kind": SchemeKind.PROGRAMME,
        "state": SchemeState.ONGOING,
        "summary": scheme.summary,
        "tags": [],
        "status": PublicationStatus.PUBLISHED,
        "image_alt": "",
        "seen_version": scheme.version,
        **factories.formset_management_data(SOURCES),
        **factories.formset_management_data(KEY_FIGURES),
        **factories.formset_management_data(AWARDS, total=1),
        f"{AWARDS}-0-actor": gleamer.pk,
        f"{AWARDS}-0-amount_eur": "4500000",
        f"{AWARDS}-0-year": "2023",
        f"{AWARDS}-0-note": "",
    }

    response = editor_client.post(f"/admin/funding/fundingscheme/{scheme.pk}/change/", data)

    assertRedirects(response, "/admin/funding/fundingscheme/")
    awards = [(award.actor, award.amount_eur, award.year) for award in scheme.awards.all()]
    assert awards == [(gleamer, Decimal(4_500_000), 2023)]


def test_award_changelist_shows_amounts_the_french_way(editor_client):
    scheme = factories.make_scheme(name="France 2030")
    factories.make_award(
        scheme=scheme,
        actor=factories.make_actor(name="Gleamer"),
        amount_eur=Decimal(4_500_000),
        year=2023,
    )
    factories.make_award(scheme=scheme, actor=factories.make_actor(name="Owkin"), year=2022)

    response = editor_client.get("/admin/funding/award/")

    assert heading(response) == "Sélectionnez l’objet financement attribué à changer"
    assertContains(response, '<td class="field-amount">4,5\u00a0M€</td>', html=True)
    assertContains(response, '<td class="field-amount">-</td>', html=True)
    assertContains(response, '<td class="field-actor nowrap">Gleamer</td>', html=True)


def test_award_changelist_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries):
    def make_awards(count):
        for _ in range(count):
            factories.make_award(amount_eur=Decimal(1000), year=2024)

    make_awards(5)
    # The first request fills per-process caches (content types): compare warm ones.
    editor_client.get("/admin/funding/award/")
    with CaptureQueriesContext(connection) as few_rows:
        editor_client.get("/admin/funding/award/")
    make_awards(25)

    with django_assert_num_queries(len(few_rows)):
        response = editor_client.get("/admin/funding/award/")
    assert result_count(response) == "30 financements attribués"


def test_award_search_matches_scheme_and_actor_names(editor_client):
    gleamer_award = factories.make_award(
        scheme=factories.make_scheme(name="France 2030"), actor=factories.make_actor(name="Gleamer")
    )
    owkin_award = factories.make_award(
        scheme=factories.make_scheme(name="Bpifrance Deeptech"),
        actor=factories.make_actor(name="Owkin"),
    )

    by_actor = editor_client.get("/admin/funding/award/", {"q": "gleamer"})
    by_scheme = editor_client.get("/admin/funding/award/", {"q": "deeptech"})

    assert changelist_column(by_actor, "scheme") == [gleamer_award.scheme.name]
    assert changelist_column(by_actor, "actor") == [gleamer_award.actor.name]
    assert changelist_column(by_scheme, "scheme") == [owkin_award.scheme.name]
    assert changelist_column(by_scheme, "actor") == [owkin_award.actor.name]


def test_award_add_and_change_pages_render_for_editors(editor_client):
    award = factories.make_award(
        scheme=factories.make_scheme(name="France 2030"), actor=factories.make_actor(name="Gleamer")
    )
    factories.make_source(award, title="Liste des lauréats")

    add_page = editor_client.get("/admin/funding/award/add/")
    change_page = editor_client.get(f"/admin/funding/award/{award.pk}/change/")

    assertContains(add_page, "<h1>Ajout de financement attribué</h1>", html=True)
    assertContains(change_page, "<h2>France 2030 → Gleamer</h2>", html=True)
    assertContains(change_page, 'value="Liste des lauréats"')


def test_award_view_on_site_links_only_awards_of_published_schemes(editor_client):
    published = factories.make_award()
    draft = factories.make_award(scheme=factories.make_scheme(status=PublicationStatus.DRAFT))

    published_page = editor_client.get(f"/admin/funding/award/{published.pk}/change/")
    draft_page = editor_client.get(f"/admin/funding/award/{draft.pk}/change/")
    draft_row_page = editor_client.get(f"/admin/ecosystem/actor/{draft.actor.pk}/change/")

    assertContains(
        published_page,
        f'<a href="/financements/{published.scheme.slug}/#financement-{published.pk}"'
        ' class="viewsitelink">Voir sur le site</a>',
        html=True,
    )
    assertNotContains(draft_page, "Voir sur le site")
    # The actor's own page is published: its link is the only one on the page.
    assertContains(draft_row_page, "Voir sur le site", count=1)
