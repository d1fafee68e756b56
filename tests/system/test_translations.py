"""The English interface: a complete, compiled catalogue, translated pages and translated paths."""

import re
from html.parser import HTMLParser

import feedparser
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests import factories, html_page

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"


# --- The catalogue ---------------------------------------------------------------


def messages(catalogue):
    """Each (msgctxt, msgid, msgid_plural) of a .po or .mo file with its translation(s)."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else entry.msgstr
        )
        for entry in catalogue
        if not entry.obsolete
    }


@pytest.fixture(scope="module")
def po():
    return polib.pofile(CATALOGUE / "django.po")


def test_po_has_no_fuzzy_entry(po):
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_po_has_no_untranslated_entry(po):
    assert [entry.msgid for entry in po.untranslated_entries()] == []


def test_po_declares_english_plural_forms(po):
    assert po.metadata["Language"] == "en"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_mo_matches_po(po):
    """Fails when someone edits the .po and forgets `make messages` (which compiles the .mo)."""
    mo = polib.mofile(CATALOGUE / "django.mo")

    assert messages(mo) == messages(po)
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


def test_url_translations_keep_their_converters_and_slashes(po):
    paths = [
        entry for entry in po if any(file.endswith("urls.py") for file, _line in entry.occurrences)
    ]
    converters = re.compile(r"<[^>]+>")

    assert paths, "the URL paths should be in the catalogue"
    for entry in paths:
        assert converters.findall(entry.msgstr) == converters.findall(entry.msgid), entry.msgid
        assert entry.msgstr.endswith("/") == entry.msgid.endswith("/"), entry.msgid


# --- Translated paths ----------------------------------------------------------------

URL_MAP = [
    ("core:home", {}, "/", "/en/"),
    ("ecosystem:actor-list", {}, "/acteurs/", "/en/actors/"),
    ("ecosystem:actor-detail", {"slug": "gleamer"}, "/acteurs/gleamer/", "/en/actors/gleamer/"),
    ("funding:scheme-list", {}, "/financements/", "/en/funding/"),
    ("trainings:programme-list", {}, "/formations/", "/en/training/"),
    ("core:tag-list", {}, "/tags/", "/en/topics/"),
    ("core:tag-detail", {"slug": "diabete"}, "/tags/diabete/", "/en/topics/diabete/"),
    ("core:tag-feed-rss", {"slug": "diabete"}, "/tags/diabete/rss/", "/en/topics/diabete/rss/"),
    ("core:tag-feed-atom", {"slug": "diabete"}, "/tags/diabete/atom/", "/en/topics/diabete/atom/"),
    ("core:feed-rss", {}, "/flux/rss/", "/en/feeds/rss/"),
    ("core:feed-atom", {}, "/flux/atom/", "/en/feeds/atom/"),
    ("core:search", {}, "/recherche/", "/en/search/"),
]


@pytest.mark.parametrize(("name", "kwargs", "french", "english"), URL_MAP)
def test_route_has_a_french_and_an_english_path(name, kwargs, french, english):
    with translation.override("fr"):
        french_path = reverse(name, kwargs=kwargs)
    with translation.override("en"):
        english_path = reverse(name, kwargs=kwargs)

    assert (french_path, english_path) == (french, english)


# --- Reading pages -------------------------------------------------------------------


class _PageReader(HTMLParser):
    """Collects the <html lang>, the <h1> and <h2> texts, the links of each labelled landmark,
    and the <link rel="alternate" hreflang> of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.headings = {"h1": [], "h2": []}
        self.landmarks = {}
        self.alternates = {}
        self._heading = None
        self._landmark_stack = []
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag in self.headings:
            self._heading = (tag, [])
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "nav":
            label = attrs.get("aria-label")
            self._landmark_stack.append(label)
            if label:
                self.landmarks[label] = []
        elif tag == "a":
            self._link = (attrs.get("href"), [])

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings[tag].append(" ".join("".join(self._heading[1]).split()))
            self._heading = None
        elif tag == "nav" and self._landmark_stack:
            self._landmark_stack.pop()
        elif tag == "a" and self._link:
            label = next((label for label in reversed(self._landmark_stack) if label), None)
            if label:
                href, text = self._link
                self.landmarks[label].append((href, " ".join("".join(text).split())))
            self._link = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1].append(data)
        if self._link:
            self._link[1].append(data)


def read(response):
    reader = _PageReader()
    reader.feed(response.content.decode())
    return reader


# --- English pages -------------------------------------------------------------------


@pytest.mark.django_db
def test_english_home_shows_english_heading_and_navigation(client):
    response = client.get("/en/")
    page = read(response)

    assert response.status_code == 200
    assert page.lang == "en"
    assert response["Content-Language"] == "en"
    assert page.headings["h1"] == ["The atlas of artificial intelligence in health in France"]
    assert page.landmarks["Main navigation"] == [
        ("/en/actors/", "Actors"),
        ("/en/funding/", "Funding"),
        ("/en/training/", "Training"),
        ("/en/topics/", "Topics"),
        ("/en/overview/", "Overview"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/actors/", "Actors"),
        ("/en/funding/", "Funding"),
        ("/en/training/", "Training"),
        ("/en/topics/", "Topics"),
        ("/en/search/", "Search the atlas"),
    ],
)
def test_english_page_answers_in_english(client, path, heading):
    factories.make_actor(name="GLEAMER", tags=[factories.make_tag("Imagerie médicale")])

    response = client.get(path)
    page = read(response)

    assert response.status_code == 200
    assert page.lang == "en"
    assert page.headings["h1"] == [heading]
    assert page.landmarks["Breadcrumb"][0] == ("/en/", "Home")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "L'atlas de l'intelligence artificielle en santé en France"),
        ("/acteurs/", "Acteurs"),
        ("/financements/", "Financements"),
        ("/formations/", "Formations"),
        ("/tags/", "Thèmes"),
        ("/recherche/", "Rechercher dans l'atlas"),
    ],
)
def test_french_page_declares_french(client, path, heading):
    response = client.get(path)
    page = read(response)

    assert response.status_code == 200
    assert page.lang == "fr"
    assert page.headings["h1"] == [heading]


@pytest.mark.django_db
def test_french_page_stays_french_for_an_english_browser(client):
    response = client.get("/acteurs/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert read(response).lang == "fr"
    assert read(response).headings["h1"] == ["Acteurs"]


@pytest.mark.django_db
def test_english_list_counts_results_with_english_plurals(client):
    factories.make_actor(name="GLEAMER")
    one = read(client.get("/en/actors/")).headings["h2"]
    factories.make_actor(name="Owkin")
    two = read(client.get("/en/actors/")).headings["h2"]

    assert [one[1], two[1]] == ["1 result", "2 results"]


@pytest.mark.django_db
def test_english_list_translates_filter_labels_and_choices(client):
    factories.make_actor(name="GLEAMER", kind="company")

    response = client.get("/en/actors/", {"kind": "company"})

    assert html_page.chips(response) == [
        ("Type of actor: Start-up or company ×(remove this filter)", "?")
    ]
    assert html_page.texts(response, 'select[name="sort"] option') == [
        "Name",
        "Most recently added",
        "Most recently updated",
        "Year founded",
    ]


@pytest.mark.django_db
def test_english_actor_detail_keeps_entry_text_in_french(client):
    factories.make_actor(
        name="GLEAMER",
        slug="gleamer",
        kind="company",
        summary="IA pour la radiographie.",
        description="Détecte les fractures sur les radiographies.",
        city="Paris",
        region="IDF",
    )

    response = client.get("/en/actors/gleamer/")
    page = read(response)

    assert response.status_code == 200
    assert page.lang == "en"
    assert page.headings["h1"] == ["GLEAMER"]
    assert page.headings["h2"] == ["Overview", "Take part"]
    assert page.landmarks["Breadcrumb"] == [("/en/", "Home"), ("/en/actors/", "Actors")]
    assert html_page.texts(response, ".entry-header__kind") == ["Start-up or company"]
    assert [
        meta["content"] for meta in html_page.page(response).select("meta[name=description]")
    ] == ["IA pour la radiographie."]
    assert "<p>Détecte les fractures sur les radiographies.</p>" in response.content.decode()
    assert "Paris, Île-de-France" in response.content.decode()


@pytest.mark.django_db
def test_english_feed_has_an_english_title(client):
    factories.make_actor(name="GLEAMER")

    feed = feedparser.parse(client.get("/en/feeds/rss/").content)

    assert feed.feed.title == "Atlas IA Santé: latest entries"
    assert [entry.title for entry in feed.entries] == ["GLEAMER (Start-up or company)"]


# --- Moving between languages ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("/", "/en/"),
        (
            "/acteurs/?kind=company&tag=imagerie-medicale",
            "/en/actors/?kind=company&tag=imagerie-medicale",
        ),
        ("/acteurs/gleamer/", "/en/actors/gleamer/"),
        ("/tags/imagerie-medicale/", "/en/topics/imagerie-medicale/"),
        ("/recherche/?q=radiologie", "/en/search/?q=radiologie"),
        ("/recherche/?q=sant%C3%A9", "/en/search/?q=sant%C3%A9"),
        # A page not found still offers the same address in the other language.
        ("/acteurs/inconnu/", "/en/actors/inconnu/"),
    ],
)
def test_language_switcher_links_to_the_same_page_in_the_other_language(client, french, english):
    tag = factories.make_tag("Imagerie médicale")
    factories.make_actor(name="GLEAMER", slug="gleamer", kind="company", tags=[tag])
    links = [
        ("http://testserver" + french, "Français"),
        ("http://testserver" + english, "English"),
    ]

    from_french = read(client.get(french)).landmarks["Choix de la langue"]
    from_english = read(client.get(english)).landmarks["Choose a language"]

    assert from_french == links
    assert from_english == links


@pytest.mark.django_db
def test_hreflang_alternates_of_both_languages_point_to_each_other(client):
    factories.make_actor(name="GLEAMER", slug="gleamer")
    expected = {
        "fr": "http://testserver/acteurs/gleamer/",
        "en": "http://testserver/en/actors/gleamer/",
        "x-default": "http://testserver/acteurs/gleamer/",
    }

    french = read(client.get("/acteurs/gleamer/")).alternates
    english = read(client.get("/en/actors/gleamer/")).alternates

    assert french == expected
    assert english == expected
