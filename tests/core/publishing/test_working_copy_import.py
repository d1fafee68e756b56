"""An import follows the form's rule: an editor's row that changes a published entry waits."""

import pytest
from pytest_django.asserts import assertContains

from core.publishing.models import PendingChange
from ecosystem.models import Actor
from tests import factories
from tests.core.admin.test_transfer import ADMIN_URLS, csv_upload, import_file
from tests.core.publishing.test_working_copies import review_url

pytestmark = pytest.mark.django_db

ROWS = [
    ["slug", "name", "kind", "summary", "members", "tags"],
    ["gleamer", "Gleamer SAS", "company", "Radiologie.", "hub", "Cardiologie"],
]


@pytest.fixture
def gleamer(db):
    factories.make_actor(slug="hub", name="Hub")
    return factories.make_actor(
        slug="gleamer", name="Gleamer", summary="Imagerie.", tags=[factories.make_tag("Diabète")]
    )


def test_import_by_an_editor_makes_a_working_copy_of_a_published_entry(
    client, editor, reviewer, gleamer
):
    client.force_login(editor)
    import_file(client, ADMIN_URLS["actor"], csv_upload(ROWS))

    client.logout()
    page = client.get("/acteurs/gleamer/")
    assertContains(page, "<h1>Gleamer</h1>", html=True)
    assertContains(page, "Imagerie.")
    hub = Actor.objects.get(slug="hub")
    pending = PendingChange.objects.get()
    assert (pending.proposed_by, pending.proposed_values) == (
        editor,
        {
            "fields": {"name": "Gleamer SAS", "summary": "Radiologie."},
            "relations": {"members": [hub.pk]},
            "tags": ["Cardiologie"],
        },
    )
    client.force_login(reviewer)
    client.post(review_url(gleamer), {"_publish": "1"})
    client.logout()
    published = client.get("/acteurs/gleamer/")
    assertContains(published, "<h1>Gleamer SAS</h1>", html=True)
    assertContains(published, "Cardiologie")
    assert [tag.name for tag in Actor.objects.get(slug="gleamer").tags.all()] == ["Cardiologie"]


def test_import_by_a_reviewer_changes_a_published_entry_directly(client, reviewer, gleamer):
    client.force_login(reviewer)

    import_file(client, ADMIN_URLS["actor"], csv_upload(ROWS))

    assert PendingChange.objects.count() == 0
    assert Actor.objects.get(slug="gleamer").name == "Gleamer SAS"


def test_import_dry_run_by_an_editor_keeps_no_working_copy(client, editor, gleamer):
    client.force_login(editor)

    client.post(f"{ADMIN_URLS['actor']}import/", {"format": "0", "import_file": csv_upload(ROWS)})

    assert PendingChange.objects.count() == 0
