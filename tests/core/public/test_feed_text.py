"""Feeds carry an entry's summary as text, never as live markup (issue 10, item 5)."""

import feedparser
import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SUMMARY = 'Imagerie <img src=x onerror="alert(1)"> & <b>IA</b>'


@pytest.fixture
def trap():
    tag = factories.make_tag("Imagerie")
    factories.make_actor(name="Piège", summary=SUMMARY, tags=[tag])


@pytest.mark.parametrize(
    "url", ["/flux/rss/", "/flux/atom/", "/tags/imagerie/rss/", "/tags/imagerie/atom/"]
)
def test_feed_summary_is_text_not_markup(client, trap, url):
    raw = client.get(url).content.decode()
    feed = feedparser.parse(raw)

    # Whoever reads the description or summary as HTML gets the characters back, not elements.
    assert "<img" not in raw
    assert "&lt;img" not in raw
    assert feed.bozo == 0
    assert feed.entries[0].summary == (
        "Imagerie &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;IA&lt;/b&gt;"
    )
