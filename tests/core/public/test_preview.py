"""Staff preview entries the public cannot see yet, at their public address, under a banner."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

BANNER = "Brouillon — aperçu réservé à l'équipe"


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        (PublicationStatus.DRAFT, "Statut : Brouillon ; le public ne voit pas cette page."),
        (PublicationStatus.REVIEW, "Statut : En relecture ; le public ne voit pas cette page."),
        (PublicationStatus.ARCHIVED, "Statut : Archivé ; le public ne voit pas cette page."),
    ],
)
def test_preview_shows_staff_an_unpublished_entry_under_a_banner(editor_client, status, detail):
    factories.make_actor(name="Gleamer", slug="gleamer", status=status)

    response = editor_client.get("/acteurs/gleamer/")

    assert response.status_code == 200
    assertContains(response, "<h1>Gleamer</h1>", html=True)
    assertContains(response, BANNER, count=1)
    assertContains(response, detail)


def test_preview_banner_gives_the_date_of_a_scheduled_publication(editor_client):
    factories.make_actor(
        slug="gleamer",
        publish_at=timezone.now().replace(year=2099, month=1, day=2, hour=8, minute=0),
    )

    response = editor_client.get("/acteurs/gleamer/")

    assertContains(response, BANNER)
    assertContains(response, "Publication programmée le 2 janvier 2099 à ")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": PublicationStatus.DRAFT},
        {"status": PublicationStatus.REVIEW},
        {"status": PublicationStatus.ARCHIVED},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"unpublish_at": timezone.now() - timedelta(days=1)},
    ],
)
def test_preview_is_a_404_for_anonymous_visitors(client, fields):
    factories.make_actor(slug="gleamer", **fields)

    assert client.get("/acteurs/gleamer/").status_code == 404


def test_preview_is_never_kept_by_a_cache(editor_client):
    factories.make_actor(slug="gleamer", status=PublicationStatus.DRAFT)

    response = editor_client.get("/acteurs/gleamer/")

    assert set(response["Cache-Control"].split(", ")) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


def test_preview_banner_is_absent_from_a_published_entry(editor_client, client):
    factories.make_actor(name="Gleamer", slug="gleamer")

    staff_page = editor_client.get("/acteurs/gleamer/")
    client.logout()
    public_page = client.get("/acteurs/gleamer/")

    assertNotContains(staff_page, 'class="preview-banner"')
    assertNotContains(staff_page, "aperçu réservé")
    assertNotContains(public_page, "aperçu réservé")


@pytest.mark.parametrize(
    ("app", "make"),
    [
        ("funding/fundingscheme", factories.make_scheme),
        ("trainings/trainingprogramme", factories.make_programme),
    ],
)
def test_preview_works_for_every_kind_of_entry(editor_client, app, make):
    entry = make(name="Brouillon", status=PublicationStatus.REVIEW)

    response = editor_client.get(entry.get_absolute_url())

    assertContains(response, BANNER)


def test_preview_button_in_the_change_form_links_an_unpublished_entry(editor_client):
    draft = factories.make_actor(slug="brouillon", status=PublicationStatus.DRAFT)
    published = factories.make_actor(slug="publie")

    draft_page = editor_client.get(f"/admin/ecosystem/actor/{draft.pk}/change/")
    published_page = editor_client.get(f"/admin/ecosystem/actor/{published.pk}/change/")

    assertContains(
        draft_page, '<a href="/acteurs/brouillon/" class="viewsitelink">Aperçu</a>', html=True
    )
    assertNotContains(draft_page, "Voir sur le site")
    assertNotContains(published_page, ">Aperçu<")
    assertContains(published_page, "Voir sur le site")
