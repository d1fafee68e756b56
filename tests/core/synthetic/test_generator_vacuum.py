"""After a bulk load, PostgreSQL's tables are vacuumed: index-only scans work at once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from core.models import TaggedEntry


@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_generated_taggings_are_all_visible_to_index_only_scans():
    call_command("generate_entries", 30, seed=1, stdout=StringIO())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = %s",
            [TaggedEntry._meta.db_table],
        )
        pages, all_visible = cursor.fetchone()
    assert pages > 0
    assert all_visible == pages
