"""A visitor's journeys: filtering a list, following relations, searching, changing language."""

import re

from playwright.sync_api import expect


def card_titles(page):
    return page.locator(".card__title").all_inner_texts()


def expect_accessible_names(locator, names):
    """What a screen reader announces for each element: visually hidden text in, aria-hidden out."""
    expect(locator).to_have_count(len(names))
    for index, name in enumerate(names):
        expect(locator.nth(index)).to_have_accessible_name(name)


def test_visitor_filters_a_list_follows_relations_and_comes_back_to_the_filters(site, page):
    page.goto(site.url("/"))
    expect(page.locator("h1")).to_have_text(
        "L'atlas de l'intelligence artificielle en santé en France"
    )

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Acteurs"
    ).click()
    expect(page).to_have_url(site.url("/acteurs/"))
    expect(page.locator("h1")).to_have_text("Acteurs")
    # The demo's actors, every one published (fixtures/ecosystem_demo.json).
    expect(page.locator("#results-title")).to_have_text("18 résultats")

    filters = page.get_by_role("search", name="Filtrer la liste")
    filters.get_by_role("checkbox", name=re.compile(r"^radiologie \(\d+\)$")).check()
    filters.get_by_label("Type d'acteur").select_option("company")
    filters.get_by_role("button", name="Appliquer").click()

    expect(page).to_have_url(re.compile(r"/acteurs/\?(.*&)?tag=radiologie(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]kind=company(&|$)"))
    filtered_url = page.url
    assert card_titles(page) == ["AZmed", "GLEAMER", "Therapixel"]
    expect(page.locator("#results-title")).to_have_text("3 résultats")
    chips = page.get_by_role("list", name="Filtres actifs").get_by_role("link")
    expect_accessible_names(
        chips,
        [
            "Thèmes\u00a0: radiologie (retirer ce filtre)",
            "Type d'acteur\u00a0: Start-up ou entreprise (retirer ce filtre)",
            "Tout effacer",
        ],
    )

    page.get_by_role("link", name="GLEAMER", exact=True).click()
    expect(page).to_have_url(site.url("/acteurs/gleamer/"))
    expect(page.locator("h1")).to_have_text("GLEAMER")

    awards = page.get_by_role("region", name="Financements reçus")
    awards.get_by_role("link", name="France 2030").click()
    expect(page).to_have_url(site.url("/financements/france-2030/"))
    expect(page.locator("h1")).to_have_text("France 2030")

    page.get_by_role("complementary").get_by_role("link", name="financement public").click()
    expect(page).to_have_url(site.url("/tags/financement-public/"))
    expect(page.locator("h1")).to_have_text("financement public")
    expect(page.locator(".card__title", has_text="France 2030")).to_have_count(1)

    for _ in range(3):
        page.go_back()
    expect(page).to_have_url(filtered_url)
    expect(page.locator("h1")).to_have_text("Acteurs")
    expect(filters.get_by_role("checkbox", name=re.compile(r"^radiologie "))).to_be_checked()
    expect(filters.get_by_label("Type d'acteur")).to_have_value("company")
    assert card_titles(page) == ["AZmed", "GLEAMER", "Therapixel"]

    # Removing one chip keeps the other filter.
    chips.filter(has_text="Type d'acteur").click()
    expect(page).to_have_url(re.compile(r"[?&]tag=radiologie(&|$)"))
    assert "kind=company" not in page.url
    expect_accessible_names(chips, ["Thèmes\u00a0: radiologie (retirer ce filtre)", "Tout effacer"])
    assert card_titles(page) == ["AZmed", "GLEAMER", "Therapixel"]


def search_from_header(page, words):
    search = page.get_by_role("banner").get_by_role("search")
    search.get_by_role("searchbox", name="Rechercher dans l'atlas").fill(words)
    search.get_by_role("button", name="Rechercher").click()


def test_visitor_finds_the_same_entries_with_or_without_accents(site, page):
    page.goto(site.url("/"))
    search_from_header(page, "sécurité")
    expect(page).to_have_url(site.url("/recherche/?q=s%C3%A9curit%C3%A9"))
    expect(page.locator("h1")).to_have_text("Résultats pour « sécurité »")
    with_accents = card_titles(page)
    assert "Synapse Medicine" in with_accents
    assert "sécurité des prescriptions" in with_accents

    search_from_header(page, "SECURITE")
    expect(page.locator("h1")).to_have_text("Résultats pour « SECURITE »")
    assert card_titles(page) == with_accents

    page.get_by_role("link", name="Synapse Medicine").click()
    expect(page.locator("h1")).to_have_text("Synapse Medicine")


def test_visitor_searches_for_nothing_and_is_told_what_to_search(site, page):
    page.goto(site.url("/recherche/?q=zzzzqqq"))
    expect(page.locator("h1")).to_have_text("Résultats pour « zzzzqqq »")
    expect(page.locator(".empty")).to_have_text("Aucune fiche publiée ne correspond à « zzzzqqq ».")
    expect(page.get_by_role("heading", name="Que chercher ?")).to_be_visible()


def test_visitor_switches_language_and_stays_on_the_same_page(site, page):
    page.goto(site.url("/acteurs/gleamer/"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("navigation", name="Choix de la langue").get_by_role(
        "link", name="English"
    ).click()

    expect(page).to_have_url(site.url("/en/actors/gleamer/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("GLEAMER")
    expect(page.get_by_role("navigation", name="Main navigation").get_by_role("link")).to_have_text(
        ["Actors", "Funding", "Training", "Topics", "Overview"]
    )
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)
    page.get_by_role("region", name="Funding received").get_by_role(
        "link", name="France 2030"
    ).click()
    expect(page).to_have_url(site.url("/en/funding/france-2030/"))

    search = page.get_by_role("banner").get_by_role("search")
    search.get_by_role("searchbox", name="Search the atlas").fill("securite")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(site.url("/en/search/?q=securite"))
    expect(page.locator("h1")).to_have_text("Results for “securite”")
    expect(page.get_by_role("link", name="Synapse Medicine")).to_be_visible()

    page.get_by_role("navigation", name="Choose a language").get_by_role(
        "link", name="Français"
    ).click()
    expect(page).to_have_url(site.url("/recherche/?q=securite"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Résultats pour « securite »")
