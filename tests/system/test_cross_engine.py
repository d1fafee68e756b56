"""Moving the atlas between SQLite and PostgreSQL: a content dump loaded into an empty database of
the other engine dumps back the same, and search finds the same entries there.

The content is the demo (every model, relation and kind of text the atlas holds), with a revision
made after loading it. The database tests do not run on is the other engine: a throwaway
PostgreSQL database when they run on SQLite, a new SQLite file when they run on PostgreSQL.
"""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from core.models import SearchDocument
from core.search import index as search
from core.search.terms import Query
from ecosystem.models import Actor
from tests.servers import (
    POSTGRES_URL,
    manage,
    postgres_answers,
    production_env,
    service_missing,
    throwaway_postgres_database,
)

pytestmark = pytest.mark.django_db

# The content and its revisions. Left out: the search index, derived from the entries, whose row
# ids only say in what order a database indexed them (compared below without them); and what
# `migrate` makes in every new database (content types, permissions, the editors' groups), which
# the dump names by natural key. Accounts, sessions and logs are not content: no revision here
# names an editor, and a site that has some dumps `auth` along with its content.
DUMPDATA = ["dumpdata", "core", "ecosystem", "funding", "trainings"]
DUMPDATA_OPTIONS = ["--natural-foreign", "--exclude", "core.searchdocument"]
SEARCHES = ["imagerie médicale", "intelligence artificielle", "France 2030", "Paris"]


def search_snapshot():
    """The search index without its row ids, and what each search in SEARCHES finds, by kind.

    The ranking is each engine's own (bm25, ts_rank): the entries found are compared, not their
    order.
    """
    documents = SearchDocument.objects.values_list(
        "content_type__app_label",
        "content_type__model",
        "object_id",
        "name_terms",
        "summary_terms",
        "body_terms",
    )
    found = {
        words: {
            section.model._meta.label: [
                section.count,
                sorted(result.object.pk for result in section.results),
            ]
            for section in search.search(Query.parse(words))
        }
        for words in SEARCHES
    }
    # Through JSON as from the other process: tuples become lists there.
    return json.loads(json.dumps({"documents": sorted(documents), "found": found}))


SHELL = ["shell", "--no-imports", "-c"]
SEARCH_SNAPSHOT = (
    "import json; from tests.system.test_cross_engine import search_snapshot; "
    "print(json.dumps(search_snapshot()))"
)
# PostgreSQL numbers rows from sequences, which `loaddata` must move past the ids it loaded.
ADD_ACTOR = """
from ecosystem.models import Actor
actor = Actor.objects.create(name="Nabla", slug="nabla", kind="company", summary="Assistant.")
print(actor.pk, actor.history.get().history_id)
"""


@pytest.fixture
def other_engine(tmp_path):
    """The environment of `manage.py` on an empty database of the engine tests do not run on."""
    env = production_env(CACHE_DIR=str(tmp_path / "cache"))
    if connection.vendor == "postgresql":
        yield {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'atlas.sqlite3'}"}
        return
    if not postgres_answers():
        server = urlsplit(POSTGRES_URL)  # Its address, without the password it may hold.
        service_missing(f"No PostgreSQL server answers at {server.hostname}:{server.port or 5432}.")
    with throwaway_postgres_database("atlas_cross_engine") as url:
        yield {**env, "DATABASE_URL": url}


@pytest.fixture
def content_dump(tmp_path):
    """The demo with one revision, dumped from the database the tests run on: the dump's path."""
    call_command("loaddata", *settings.ATLAS_DEMO_FIXTURES, verbosity=0)
    gleamer = Actor.objects.get(slug="gleamer")
    gleamer.summary = "Radiologie augmentée par l'IA, 4,5\N{NO-BREAK SPACE}M€ de France 2030."
    gleamer.save()
    dump = tmp_path / "atlas.json"
    call_command(*DUMPDATA, *DUMPDATA_OPTIONS, "--indent", "1", "--output", str(dump))
    return dump


@pytest.fixture
def loaded_elsewhere(content_dump, other_engine):
    """The other engine's database, migrated, with the content dump loaded: its environment."""
    manage("migrate", "--noinput", env=other_engine)
    manage("loaddata", str(content_dump), env=other_engine)
    return other_engine


def test_content_dump_loads_into_the_other_engine_and_dumps_back_the_same(
    content_dump, loaded_elsewhere
):
    dumped_there = manage(*DUMPDATA, *DUMPDATA_OPTIONS, env=loaded_elsewhere)

    dumped_here = json.loads(content_dump.read_text(encoding="utf-8"))
    assert "ecosystem.historicalactor" in {row["model"] for row in dumped_here}
    assert json.loads(dumped_there) == dumped_here


def test_search_finds_the_same_entries_in_the_other_engine_before_and_after_a_rebuild(
    loaded_elsewhere,
):
    expected = search_snapshot()

    indexed_by_loaddata = json.loads(manage(*SHELL, SEARCH_SNAPSHOT, env=loaded_elsewhere))
    manage("rebuild_search_index", env=loaded_elsewhere)
    rebuilt = json.loads(manage(*SHELL, SEARCH_SNAPSHOT, env=loaded_elsewhere))

    assert all(expected["found"].values())
    assert indexed_by_loaddata == expected
    assert rebuilt == expected


def test_the_other_engine_numbers_new_entries_and_revisions_after_the_loaded_ones(
    loaded_elsewhere,
):
    last_actor = Actor.objects.order_by("pk").last()

    created = manage(*SHELL, ADD_ACTOR, env=loaded_elsewhere)

    assert created.split() == [
        str(last_actor.pk + 1),
        str(Actor.history.order_by("history_id").last().history_id + 1),
    ]
