import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.public import selectors
from tests import factories
from tests.html_page import page, text, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


def sections(response):
    """Each section of entries the page shows: its heading, the names of its cards."""
    return {
        text(section.h2): texts(section, ".card__title a")
        for section in page(response).select("section.home-section")
    }


def test_home_shows_counts_and_latest_entries(client):
    imaging = factories.make_tag("Imagerie médicale")
    factories.make_actor(name="GLEAMER", tags=[imaging])
    factories.make_actor(name="Brouillon caché", status="draft")
    factories.make_scheme(name="France 2030")
    factories.make_programme(name="DU IA en santé")

    response = client.get("/")

    assert response.status_code == 200
    assert texts(response, ".stat") == ["1 acteur", "1 dispositif de financement", "1 formation"]
    assert sections(response) == {
        "Acteurs": ["GLEAMER"],
        "Dispositifs de financement": ["France 2030"],
        "Formations": ["DU IA en santé"],
        "Explorer par thème": [],
    }
    assert texts(response, "[aria-labelledby=themes-title] ul a.tag") == ["Imagerie médicale 1"]
    assertContains(
        response,
        "<h1>L&#x27;atlas de l&#x27;intelligence artificielle en santé en France</h1>",
        html=True,
    )
    for name in ["GLEAMER", "France 2030", "DU IA en santé", "Imagerie médicale"]:
        assertContains(response, name)
    assertNotContains(response, "Brouillon caché")


def test_home_links_to_the_three_sections_and_tags(client):
    response = client.get("/")

    for url in ["/acteurs/", "/financements/", "/formations/", "/tags/"]:
        assertContains(response, f'href="{url}"')


def test_tag_list_counts_only_published_entries(client):
    imaging = factories.make_tag("Imagerie médicale")
    unused = factories.make_tag("Sans fiche publiée")
    factories.make_actor(tags=[imaging])
    factories.make_scheme(tags=[imaging])
    factories.make_programme(tags=[unused], status="draft")

    response = client.get("/tags/")

    assert texts(response, ".tag-group a.tag") == ["Imagerie médicale 2 fiches"]
    assertContains(response, 'href="/tags/imagerie-medicale/"')
    assertContains(response, '<span class="tag__count">2 fiches</span>', html=True)
    assertNotContains(response, "Sans fiche publiée")
    english = client.get("/en/topics/")
    assertContains(english, '<span class="tag__count">2 entries</span>', html=True)


def test_tag_list_groups_tags(client):
    factories.make_actor(
        tags=[
            factories.make_tag("Diabète", group="pathology"),
            factories.make_tag("IA générative", group="technology"),
        ]
    )

    response = client.get("/tags/")

    groups = {
        text(group.h2): texts(group, "a.tag")
        for group in page(response).select("section.tag-group")
    }
    assert groups == {"Pathologies": ["Diabète 1 fiche"], "Technologies": ["IA générative 1 fiche"]}


def test_tag_detail_lists_the_three_kinds(client):
    tag = factories.make_tag("Formation", description="Se former à l'IA en santé.")
    other = factories.make_tag("Autre")
    factories.make_actor(name="Université de Lille", tags=[tag])
    factories.make_scheme(name="Innovation Santé 2030", tags=[tag])
    factories.make_programme(name="DIU GEN-IAs", tags=[tag])
    factories.make_programme(name="Hors thème", tags=[other])
    factories.make_actor(name="Brouillon", tags=[tag], status="draft")

    response = client.get("/tags/formation/")

    assert response.status_code == 200
    assert sections(response) == {
        "Acteurs (1)": ["Université de Lille"],
        "Dispositifs de financement (1)": ["Innovation Santé 2030"],
        "Formations (1)": ["DIU GEN-IAs"],
    }
    assertContains(response, "<h1>Formation</h1>", html=True)
    assertContains(response, "Se former à l&#x27;IA en santé.")
    assertNotContains(response, "Hors thème")
    assertNotContains(response, "Brouillon")


def test_tag_detail_shows_the_first_entries_of_each_kind_and_links_to_all(client):
    tag = factories.make_tag("Radiologie")
    for number in range(7):
        factories.make_actor(name=f"Acteur {number}", tags=[tag])
    factories.make_scheme(name="France 2030", tags=[tag])

    response = client.get("/tags/radiologie/")
    english = client.get("/en/topics/radiologie/")

    assert sections(response) == {
        "Acteurs (7)": ["Acteur 0", "Acteur 1", "Acteur 2", "Acteur 3", "Acteur 4", "Acteur 5"],
        "Dispositifs de financement (1)": ["France 2030"],
        "Formations (0)": [],
    }
    assertContains(
        response,
        '<a class="more-link" href="/acteurs/?tag=radiologie">Voir les 7 acteurs sur ce thème</a>',
        html=True,
    )
    assertContains(
        english,
        '<a class="more-link" href="/en/actors/?tag=radiologie">See all 7 actors on this topic</a>',
        html=True,
    )
    # Every scheme is shown already: no link to more.
    assertNotContains(response, "/financements/?tag=radiologie")


def test_tag_detail_unknown_slug_is_404(client):
    response = client.get("/tags/inconnu/")

    assert response.status_code == 404
    assertContains(response, "<h1>Thème introuvable</h1>", html=True, status_code=404)


def test_tag_detail_lists_related_tags_by_shared_entries(client):
    imaging, breast, fractures, lonely = (
        factories.make_tag(name)
        for name in ["Imagerie médicale", "Cancer du sein", "Fractures", "Sans lien"]
    )
    factories.make_actor(tags=[imaging, breast, fractures])
    factories.make_programme(tags=[imaging, breast])
    factories.make_scheme(tags=[lonely])
    factories.make_actor(tags=[imaging, lonely], status="draft")

    response = client.get("/tags/imagerie-medicale/")

    assert texts(response, "#related-title + ul a.tag") == [
        "Cancer du sein 2 fiches en commun",
        "Fractures 1 fiche en commun",
    ]
    assertContains(response, 'href="/tags/imagerie-medicale/rss/"')


def test_tag_detail_unknown_slug_suggests_close_tags(client):
    factories.make_actor(tags=[factories.make_tag("Diabète"), factories.make_tag("Radiologie")])

    response = client.get("/tags/diabet/")

    assert response.status_code == 404
    assertContains(
        response, '<a class="tag" href="/tags/diabete/">Diabète</a>', html=True, status_code=404
    )


def test_detail_see_also_ranks_entries_by_shared_tags(client):
    imaging, breast, diabetes = (
        factories.make_tag(name) for name in ["Imagerie médicale", "Cancer du sein", "Diabète"]
    )
    factories.make_actor(name="Therapixel", tags=[imaging, breast])
    factories.make_actor(name="GLEAMER", tags=[imaging])
    factories.make_programme(name="DU imagerie", tags=[imaging, breast])
    factories.make_actor(name="Diabeloop", tags=[diabetes])
    factories.make_scheme(name="Caché", tags=[imaging], status="draft")

    response = client.get("/acteurs/therapixel/")

    assert texts(response, ".see-also a") == ["DU imagerie", "GLEAMER"]


def test_detail_see_also_looks_past_unpublished_candidates(client, monkeypatch):
    # Each kind's first two candidates are ranked from the taggings; here both are drafts.
    monkeypatch.setattr(selectors, "SEE_ALSO_CANDIDATES", 2)
    imaging, breast = factories.make_tag("Imagerie médicale"), factories.make_tag("Sein")
    factories.make_actor(name="Therapixel", tags=[imaging, breast])
    for name in ["Brouillon A", "Brouillon B"]:
        factories.make_actor(name=name, tags=[imaging, breast], status="draft")
    for name in ["GLEAMER", "Azmed", "Milvue"]:
        factories.make_actor(name=name, tags=[imaging])

    response = client.get("/acteurs/therapixel/")

    assert texts(response, ".see-also a") == ["Azmed", "GLEAMER", "Milvue"]


def test_detail_see_also_prefers_the_longest_listed_among_equals(client):
    imaging = factories.make_tag("Imagerie médicale")
    factories.make_actor(name="Therapixel", tags=[imaging])
    for name in ["Zebra", "Yuno", "Xira", "Wave", "Vega", "Ulys", "Arterys"]:
        factories.make_actor(name=name, tags=[imaging])

    response = client.get("/acteurs/therapixel/")

    # Arterys, listed last, is left out; the six shown are in alphabetical order.
    assert texts(response, ".see-also a") == ["Ulys", "Vega", "Wave", "Xira", "Yuno", "Zebra"]


def test_every_page_offers_the_site_search(client):
    response = client.get("/tags/")

    assertContains(
        response, '<form class="site-search" role="search" method="get" action="/recherche/">'
    )
    assertContains(
        response,
        '<input id="site-search-q" type="search" name="q" maxlength="200" placeholder="Rechercher…">',
        html=True,
    )
