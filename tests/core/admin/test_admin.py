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

    models = {
        (app["app_label"], model["object_name"])
        for app in response.context["app_list"]
        for model in app["models"]
    }
    assert models == {
        ("core", "Tag"),
        ("ecosystem", "Actor"),
        ("funding", "FundingScheme"),
        ("funding", "Award"),
        ("trainings", "TrainingProgramme"),
    }


def test_taggit_own_tag_model_is_not_in_the_admin():
    assert not admin.site.is_registered(TaggitTag)


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/user/add/"])
def test_user_admin_forbids_editors(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_user_admin_opens_to_superusers(admin_client):
    response = admin_client.get("/admin/auth/user/")

    assert response.context["title"] == "Sélectionnez l’objet utilisateur à changer"


@pytest.mark.parametrize("url", ["/admin/", "/admin/ecosystem/actor/add/"])
def test_admin_redirects_anonymous_visitors_to_login(client, url):
    assertRedirects(client.get(url), f"/admin/login/?next={url}")


def test_tag_changelist_counts_the_entries_of_each_tag(editor_client):
    imaging = factories.make_tag("Imagerie médicale", group=TagGroup.TECHNOLOGY)
    factories.make_tag("Diabète")
    factories.make_actor(tags=[imaging])
    factories.make_scheme(tags=[imaging])

    response = editor_client.get("/admin/core/tag/")

    assert response.context["title"] == "Sélectionnez l’objet étiquette à changer"
    rows = [(tag.name, tag.entry_count) for tag in response.context["cl"].result_list]
    assert rows == [("Diabète", 0), ("Imagerie médicale", 2)]


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
    assert response.context["cl"].result_count == 30


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

    assert list(response.context["cl"].result_list) == [oncology]


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

    assert response.context["adminform"].form.errors == {"image_alt": [ALT_REQUIRED]}
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

    assert published_page.context["absolute_url"] == published.get_absolute_url()
    assertContains(published_page, "Voir sur le site")
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
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["1 entrée est désormais « Publié »."]


def test_entry_deletion_is_forbidden_to_editors(editor_client):
    actor = factories.make_actor()

    response = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/delete/")

    assert response.status_code == 403
