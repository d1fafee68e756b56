"""What an import does for each row: its revision."""

import pytest

from core.models import Tag
from ecosystem.models import Actor
from tests import factories
from tests.test_import_export import ADMIN_URLS, csv_upload, import_file

pytestmark = pytest.mark.django_db

ACTORS = ADMIN_URLS["actor"]
HEADER = ["slug", "name", "kind", "summary", "parent", "members", "tags"]


@pytest.fixture
def hubs(db):
    for number in range(3):
        factories.make_actor(slug=f"hub-{number}", name=f"Hub {number}")
    for name in ("Imagerie médicale", "Diabète", "Oncologie"):
        factories.make_tag(name)


def test_import_writes_one_complete_revision_per_row_by_the_importing_editor(
    editor_client, editor, hubs
):
    gleamer = factories.make_actor(name="Gleamer", tags=[Tag.objects.get(name="Diabète")])
    revisions_before = gleamer.history.count()
    upload = csv_upload(
        [
            HEADER,
            ["owkin", "Owkin", "company", "IA fédérée.", "hub-0", "hub-1, hub-2", "Oncologie"],
            ["gleamer", "Gleamer", "company", "Radiologie.", "", "hub-0", "Diabète, Oncologie"],
        ]
    )

    import_file(editor_client, ACTORS, upload)

    owkin = Actor.objects.get(slug="owkin")
    (created,) = owkin.history.all()
    assert (created.history_type, created.history_user, created.tag_list) == (
        "+",
        editor,
        ["Oncologie"],
    )
    assert sorted(member.to_actor.slug for member in created.members.all()) == ["hub-1", "hub-2"]
    assert gleamer.history.count() == revisions_before + 1
    changed = gleamer.history.first()
    assert (changed.history_type, changed.history_user, changed.summary, changed.tag_list) == (
        "~",
        editor,
        "Radiologie.",
        ["Diabète", "Oncologie"],
    )
