"""The pages the benchmark loads, and what each costs in-process: SQL queries and time.

Run by bench/run.py in its own process, with the settings and database of the benchmark's
server, it prints JSON: the pages (name, URL) picked from the database, and for each page its
queries and duration on a first visit (the data cache emptied) and on a repeat visit.
"""

import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import django

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from core.caching.schedule import apply_due_changes  # noqa: E402
from core.models import Tag  # noqa: E402
from core.registry import content_models  # noqa: E402
from ecosystem.models import Actor  # noqa: E402

# Enough results at 100 000 entries to fill every section of the search page.
SEARCH_WORDS = "imagerie médicale"
# The tag of list filters and of the tag page: a popular one, as visitors click on them.
TAG_RANK = 10
# Each list is also filtered on one of its facets, set to its most common value.
FACETS = {
    "ecosystem.Actor": "kind",
    "funding.FundingScheme": "state",
    "trainings.TrainingProgramme": "diploma_type",
}
LIST_PAGE = 50
# Repeat visits per page, and which pages (names holding BENCH_PAGES): more repeats give a
# p99 of the in-process time, e.g. BENCH_PAGE_REPEATS=200 BENCH_PAGES=api python bench/pages.py.
REPEATS = int(os.environ.get("BENCH_PAGE_REPEATS", "5"))
ONLY = os.environ.get("BENCH_PAGES", "")
# The API page as deep as the issue asks: as fast as page 1, the cursor says where to start.
API_PAGE = 1000
API_PAGE_SIZE = 50
CURSOR_STRIDE = 9


def most_common(model, field):
    rows = model.objects.published().values(field).annotate(n=Count("pk")).order_by("-n", field)
    return rows.exclude(**{field: ""})[0][field]


def pages():
    """(name, URL) of every page measured: home, lists, details, a tag page, the search, the
    open data page, the map, panorama and network, and the API's lists and details."""
    models = content_models()
    tags = Tag.objects.annotate(n=Count("tagged_entries")).order_by("-n", "name")
    tag = tags[min(TAG_RANK, tags.count() - 1)]
    found = [("home", "/")]
    for model in models:
        name, list_url = model._meta.model_name, reverse(model.list_url_name)
        facet = FACETS[model._meta.label]
        value = most_common(model, facet)
        page = min(
            LIST_PAGE, math.ceil(model.objects.published().count() / settings.ATLAS_PAGE_SIZE)
        )
        found += [
            (f"{name} list", list_url),
            (f"{name} list, tag + facet", f"{list_url}?tag={tag.slug}&{facet}={value}"),
            (f"{name} list, page {page}", f"{list_url}?page={page}"),
        ]
    for model in models:
        published = model.objects.published().order_by("pk")
        entry = published[published.count() // 2]
        found.append((f"{model._meta.model_name} detail", entry.get_absolute_url()))
    found += [
        ("tag page", tag.get_absolute_url()),
        ("search", f"/recherche/?{urlencode({'q': SEARCH_WORDS})}"),
        ("open data page", reverse("data:data")),
        ("map", reverse("landscape:map")),
        ("map, tag", f"{reverse('landscape:map')}?tag={tag.slug}"),
        ("panorama", reverse("landscape:panorama")),
        ("panorama, tag", f"{reverse('landscape:panorama')}?tag={tag.slug}"),
        ("network", reverse("landscape:network")),
    ]
    return found + api_pages()


def api_pages():
    """The API's actor list (page 1 and page API_PAGE by cursor), an actor, awards, tags."""
    actors = Actor.objects.published().order_by("pk")
    actor = actors[actors.count() // 2]
    return [
        ("api actor list", "/api/v1/actors/"),
        (f"api actor list, cursor page {API_PAGE}", cursor_page("/api/v1/actors/", API_PAGE)),
        ("api actor detail", f"/api/v1/actors/{actor.slug}/"),
        ("api award list", "/api/v1/awards/"),
        ("api tag list", "/api/v1/tags/"),
    ]


def cursor_page(path, page):
    """The address of page `page` (of 50) of an API list, reached as a client does: by `next`.

    Followed in pages of 50 × CURSOR_STRIDE rows (the cursor holds a position, not a size),
    then asked at the default size; the last page if the list is shorter.
    """
    client = Client()
    url, rows_to_skip = path, (page - 1) * API_PAGE_SIZE
    stride = API_PAGE_SIZE * CURSOR_STRIDE
    while rows_to_skip:
        size = min(stride, rows_to_skip)
        separator = "&" if "?" in url else "?"
        found = client.get(f"{url}{separator}page_size={size}").json()
        if found["next"] is None:
            break
        url = found["next"].replace(f"page_size={size}", "").replace("?&", "?").rstrip("?&")
        rows_to_skip -= size
    return url.removeprefix("http://testserver")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def measure(client, url):
    """(queries, milliseconds) of one visit."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        duration = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(queries), duration


def main():
    client = Client()
    apply_due_changes()
    results = []
    for name, url in pages():
        if ONLY not in name:
            continue
        measure(client, url)  # Templates compiled, content types known: what every worker has.
        caches["default"].clear()
        # With Redis, the generations share the data's database and went with it: as on a
        # running site, the schedule of publications is known before the counts are missed.
        apply_due_changes()
        first_queries, first_ms = measure(client, url)
        repeats = [measure(client, url) for _ in range(REPEATS)]
        results.append(
            {
                "name": name,
                "url": url,
                "queries_first": first_queries,
                "queries_repeat": max(queries for queries, _ in repeats),
                "first_ms": round(first_ms, 1),
                "repeat_ms": round(statistics.median(ms for _, ms in repeats), 1),
                "repeat_p99_ms": round(percentile([ms for _, ms in repeats], 0.99), 1),
            }
        )
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
