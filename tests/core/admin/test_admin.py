"""The editors' back-office as a whole: branding, who gets in, tags, images, publication."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from taggit.models import Tag as TaggitTag

from core.models import PublicationStatus, Tag, TagGroup
from ecosystem.models import Actor
from tests import factories
from tests.admin_page import (
    changelist_column,
    field_errors,
    heading,
    messages_of,
    result_count,
)
from tests.html_page import page, text

pytestmark = pytest.mark.django_db

ALT_REQUIRED = "Décrivez l'image : le texte alternatif est obligatoire."


def test_admin_index_shows_the_editors_branding(editor_client):
    response = editor_client.get("/admin/")

    assertContains(
        response,
        '<div id="site-name"><a href="/admin/">Atlas IA Santé — espace éditeurs</a></div>',
        html=True,
    )
    assertContains(response, "<title>Contenus de l'atlas | Atlas IA Santé</title>", html=True)


def test_admin_index_lists_only_the_atlas_content_for_editors(editor_client):
    response = editor_client.get("/admin/")

    # The list of models under the dashboard: one row per model, its id « app-model ».
    models = {
        (row["id"], text(row)) for row in page(response).select('#content-main th[scope="row"][id]')
    }
    assert models == {
        ("core-tag", "Étiquettes"),
        ("ecosystem-actor", "Acteurs"),
        ("funding-fundingscheme", "Dispositifs de financement"),
        ("funding-award", "Financements attribués"),
        ("trainings-trainingprogramme", "Formations"),
    }


def test_taggit_own_tag_model_is_not_in_the_admin():
    assert not admin.site.is_registered(TaggitTag)


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/user/add/"])
def test_user_admin_forbids_editors(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_user_admin_opens_to_superusers(admin_client):
    response = admin_client.get("/admin/auth/user/")

    assert heading(response) == "Sélectionnez l’objet utilisateur à changer"


@pytest.mark.parametrize("url", ["/admin/", "/admin/ecosystem/actor/add/"])
def test_admin_redirects_anonymous_visitors_to_login(client, url):
    assertRedirects(client.get(url), f"/admin/login/?next={url}")


def test_tag_changelist_counts_the_entries_of_each_tag(editor_client):
    imaging = factories.make_tag("Imagerie médicale", group=TagGroup.TECHNOLOGY)
    factories.make_tag("Diabète")
    factories.make_actor(tags=[imaging])
    factories.make_scheme(tags=[imaging])

    response = editor_client.get("/admin/core/tag/")

    assert heading(response) == "Sélectionnez l’objet étiquette à changer"
    assert changelist_column(response) == ["Diabète", "Imagerie médicale"]
    assert changelist_column(response, "entry_count") == ["0", "2"]


def test_tag_changelist_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries):
    actor = factories.make_actor()
    for _ in range(5):
        factories.make_tag().tagged_entries.create(content_object=actor)
    # The first request fills per-process caches (content types): compare warm ones.
    editor_client.get("/admin/core/tag/")
    with CaptureQueriesContext(connection) as few_rows:
        editor_client.get("/admin/core/tag/")
    for _ in range(25):
        factories.make_tag().tagged_entries.create(content_object=actor)

    with django_assert_num_queries(len(few_rows)):
        response = editor_client.get("/admin/core/tag/")
    assert result_count(response) == "30 étiquettes"


def test_tag_add_and_change_pages_render_for_reviewers(reviewer_client):
    tag = factories.make_tag("Santé mentale")

    add_page = reviewer_client.get("/admin/core/tag/add/")
    change_page = reviewer_client.get(f"/admin/core/tag/{tag.pk}/change/")

    assertContains(add_page, "<h1>Ajout de étiquette</h1>", html=True)
    assertContains(change_page, "<h2>Santé mentale</h2>", html=True)


def test_tag_search_finds_the_tag_by_name(editor_client):
    oncology = factories.make_tag("Oncologie")
    factories.make_tag("Cardiologie")

    response = editor_client.get("/admin/core/tag/", {"q": "onco"})

    assert changelist_column(response) == [oncology.name]


def test_tag_add_form_saves_a_tag(reviewer_client):
    response = reviewer_client.post(
        "/admin/core/tag/add/",
        {"name": "Télésanté", "slug": "telesante", "group": TagGroup.CARE, "description": ""},
    )

    assertRedirects(response, "/admin/core/tag/")
    tag = Tag.objects.get()
    assert (tag.name, tag.slug, tag.group) == ("Télésanté", "telesante", TagGroup.CARE)


def test_entry_image_without_alt_text_is_refused(editor_client):
    data = {
        "name": "Gleamer",
        "slug": "gleamer",
        "summary": "Imagerie augmentée.",
        "kind": "company",
        "status": PublicationStatus.DRAFT,
        "image": factories.make_png_upload(),
        "image_alt": "",
        **factories.formset_management_data("core-source-content_type-object_id"),
        **factories.formset_management_data("core-keyfigure-content_type-object_id"),
        **factories.formset_management_data("awards"),
    }

    response = editor_client.post("/admin/ecosystem/actor/add/", data)

    assert field_errors(response) == {"image_alt": [ALT_REQUIRED]}
    assert not Actor.objects.exists()


def test_entry_change_page_previews_the_image_with_its_alt_text(editor_client):
    actor = factories.make_actor(image="entries/2026/gleamer.png", image_alt="Logo de Gleamer")

    response = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/change/")

    assertContains(
        response,
        '<img src="/media/entries/2026/gleamer.png" alt="Logo de Gleamer"'
        ' style="max-width: 320px; height: auto;">',
        html=True,
    )


def test_entry_view_on_site_links_only_published_entries(editor_client):
    published = factories.make_actor(slug="publie")
    draft = factories.make_actor(slug="brouillon", status=PublicationStatus.DRAFT)

    published_page = editor_client.get(f"/admin/ecosystem/actor/{published.pk}/change/")
    draft_page = editor_client.get(f"/admin/ecosystem/actor/{draft.pk}/change/")

    assertContains(
        published_page, '<a href="/acteurs/publie/" class="viewsitelink">Voir sur le site</a>'
    )
    assertNotContains(draft_page, "Voir sur le site")


def test_entry_publish_action_publishes_the_selected_drafts(reviewer_client):
    chosen = factories.make_actor(status=PublicationStatus.DRAFT)
    other = factories.make_actor(status=PublicationStatus.DRAFT)

    response = reviewer_client.post(
        "/admin/ecosystem/actor/",
        {"action": "publish", "_selected_action": [chosen.pk]},
        follow=True,
    )

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, other.status) == (PublicationStatus.PUBLISHED, PublicationStatus.DRAFT)
    assert messages_of(response) == ["1 entrée est désormais « Publié »."]


def test_entry_deletion_is_forbidden_to_editors(editor_client):
    actor = factories.make_actor()

    response = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/delete/")

    assert response.status_code == 403
