"""A tag only drafts carry is not public: no page, no feed, no suggestion (issue 10, item 4)."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tags():
    """« Diabète » carried by a published actor, « Diabète secret » by a draft only."""
    public = factories.make_tag("Diabète")
    secret = factories.make_tag("Diabète secret")
    factories.make_actor(name="Publié", tags=[public])
    factories.make_actor(name="Brouillon", tags=[secret], status=PublicationStatus.DRAFT)
    return public, secret


@pytest.mark.parametrize(
    "path", ["/tags/diabete-secret/", "/tags/diabete-secret/rss/", "/tags/diabete-secret/atom/"]
)
def test_tag_carried_only_by_drafts_is_not_found(client, tags, path):
    response = client.get(path)

    assert response.status_code == 404
    assertNotContains(response, "Brouillon", status_code=404)


@pytest.mark.parametrize("path", ["/tags/diabete/", "/tags/diabete/rss/", "/tags/diabete/atom/"])
def test_tag_carried_by_a_published_entry_is_public(client, tags, path):
    response = client.get(path)

    assertContains(response, "Publié")
    assertNotContains(response, "Brouillon")


def test_near_miss_suggests_only_tags_published_entries_carry(client, tags):
    response = client.get("/tags/diabete-secre/")

    assertContains(
        response, '<a class="tag" href="/tags/diabete/">Diabète</a>', html=True, status_code=404
    )
    assertNotContains(response, "Diabète secret", status_code=404)


def test_tag_index_lists_only_tags_published_entries_carry(client, tags):
    response = client.get("/tags/")

    assertContains(response, '<a class="tag" href="/tags/diabete/">', count=1)
    assertNotContains(response, "diabete-secret")


def test_list_filter_does_not_name_a_tag_only_drafts_carry(client, tags):
    response = client.get("/acteurs/", {"tag": "diabete-secret"})

    assert response.status_code == 200
    assertNotContains(response, "Diabète secret")
    assertNotContains(response, "Brouillon")
    assertContains(response, "Certains critères ne sont pas valides")
