"""What an import does for each row: its revision, its tags, what earlier rows made, its queries.

An import reads what its rows name once for the whole file (core/transfer/lookups.py): these tests
keep the rows' cost from growing back, and check that nothing read in advance goes stale.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus, SearchDocument, Tag
from ecosystem.models import Actor
from tests import factories
from tests.admin_page import import_totals, import_types, refused_rows
from tests.core.admin.test_transfer import ADMIN_URLS, csv_upload, dry_run, import_file

pytestmark = pytest.mark.django_db

ACTORS = ADMIN_URLS["actor"]
HEADER = ["slug", "name", "kind", "summary", "parent", "members", "tags"]
# A new row: its savepoint (2), its slug's uniqueness and its parent's existence (2), its four
# check constraints, each asked in a savepoint of its own as Django does (12), the entry and its
# search document (2), its members (3), its tags (2), its revision with them (4), and the
# report's reading of them back (2). A changed row reads its version, and the members and tags
# it had, and the row as it was, for the page cache to tell what the change touches
# (core/caching/invalidation.py); an unchanged one, only those.
QUERIES_PER_NEW_ROW = 29
QUERIES_PER_CHANGED_ROW = 30
QUERIES_PER_UNCHANGED_ROW = 4


@pytest.fixture
def hubs(db):
    for number in range(3):
        factories.make_actor(slug=f"hub-{number}", name=f"Hub {number}")
    for name in ("Imagerie médicale", "Diabète", "Oncologie"):
        factories.make_tag(name)


def actor_rows(count, *, summary="Résumé."):
    return [
        HEADER,
        *(
            [
                f"acteur-{number}",
                f"Acteur {number}",
                "company",
                summary,
                f"hub-{number % 3}",
                f"hub-{(number + 1) % 3}, hub-{(number + 2) % 3}",
                "Imagerie médicale, Diabète" if number % 2 else "Oncologie",
            ]
            for number in range(count)
        ),
    ]


def queries_per_row(client, rows_of):
    """The queries one more row adds to a dry run (which writes nothing: both start alike)."""
    counts = []
    for count in (10, 20):
        with CaptureQueriesContext(connection) as queries:
            response = dry_run(client, ACTORS, csv_upload(rows_of(count)))
        assert import_totals(response)[-1] == "Lignes refusées : 0"
        counts.append(len(queries))
    return (counts[1] - counts[0]) / 10


def test_import_of_new_rows_costs_a_bounded_number_of_queries_per_row(editor_client, hubs):
    assert queries_per_row(editor_client, actor_rows) <= QUERIES_PER_NEW_ROW


def test_import_of_changed_rows_costs_a_bounded_number_of_queries_per_row(editor_client, hubs):
    import_file(editor_client, ACTORS, csv_upload(actor_rows(20)))

    def changed(count):
        return actor_rows(count, summary="Résumé modifié.")

    assert queries_per_row(editor_client, changed) <= QUERIES_PER_CHANGED_ROW


def test_import_of_unchanged_rows_costs_a_bounded_number_of_queries_per_row(editor_client, hubs):
    import_file(editor_client, ACTORS, csv_upload(actor_rows(20)))

    assert queries_per_row(editor_client, actor_rows) <= QUERIES_PER_UNCHANGED_ROW


def test_import_writes_one_complete_revision_per_row_by_the_importing_editor(
    editor_client, editor, hubs
):
    # A draft: an editor's import changes it in place (a published one gets a working copy).
    gleamer = factories.make_actor(
        name="Gleamer", status=PublicationStatus.DRAFT, tags=[Tag.objects.get(name="Diabète")]
    )
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


def test_import_replaces_tags_matching_names_without_case_and_creating_the_new_ones(
    editor_client, hubs
):
    # A draft: an editor's import changes it in place (a published one gets a working copy).
    gleamer = factories.make_actor(
        name="Gleamer", status=PublicationStatus.DRAFT, tags=[Tag.objects.get(name="Diabète")]
    )
    tags_before = Tag.objects.count()
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "tags"],
            ["gleamer", "Gleamer", "company", "Radiologie.", "imagerie médicale, Cardiologie"],
            ["owkin", "Owkin", "company", "IA fédérée.", "cardiologie"],
        ]
    )

    preview, _ = import_file(editor_client, ACTORS, upload)

    assert import_types(preview) == ["Mettre à jour", "Nouveau"]
    assert sorted(tag.name for tag in gleamer.tags.all()) == ["Cardiologie", "Imagerie médicale"]
    assert [tag.name for tag in Actor.objects.get(slug="owkin").tags.all()] == ["Cardiologie"]
    assert Tag.objects.count() == tags_before + 1
    cardiology = Tag.objects.get(name="Cardiologie")
    document = SearchDocument.objects.get(
        content_type=ContentType.objects.get_for_model(Tag), object_id=cardiology.pk
    )
    assert document.name_terms == "cardiolog"


def test_import_rows_may_name_entries_that_earlier_rows_of_the_file_create(editor_client, hubs):
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "parent", "members"],
            ["doliam", "Doliam", "company", "Un groupe.", "", "hub-0"],
            ["campus", "Campus Doliam", "campus", "Un campus.", "doliam", "doliam, hub-1"],
            ["doliam", "Doliam SAS", "company", "Un groupe.", "", "campus"],
        ]
    )

    preview, _ = import_file(editor_client, ACTORS, upload)

    assert import_types(preview) == ["Nouveau", "Nouveau", "Mettre à jour"]
    doliam, campus = Actor.objects.get(slug="doliam"), Actor.objects.get(slug="campus")
    assert (doliam.name, doliam.status, [member.slug for member in doliam.members.all()]) == (
        "Doliam SAS",
        PublicationStatus.DRAFT,
        ["campus"],
    )
    assert (campus.parent, sorted(member.slug for member in campus.members.all())) == (
        doliam,
        ["doliam", "hub-1"],
    )


def test_import_refuses_a_row_that_breaks_a_check_constraint_in_french(editor_client, hubs):
    upload = csv_upload([HEADER, ["hub-0", "Hub 0", "company", "Résumé.", "hub-0", "", ""]])

    response = dry_run(editor_client, ACTORS, upload)

    assert refused_rows(response) == [
        (
            1,
            [
                (
                    "Non spécifique à un champ",
                    ["Un acteur ne peut pas être sa propre organisation mère."],
                )
            ],
        )
    ]


def test_import_refuses_a_new_tag_that_repeats_an_existing_one_and_creates_none(editor_client, db):
    factories.make_tag("imagerie médicale")
    tags_before = sorted(Tag.objects.values_list("name", flat=True))
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "tags"],
            ["owkin", "Owkin", "company", "IA fédérée.", "Cardiologie"],
            ["gleamer", "Gleamer", "company", "Radiologie.", "Imagerie medicale, Oncologie"],
        ]
    )

    response = dry_run(editor_client, ACTORS, upload)

    assert refused_rows(response) == [
        (
            2,
            [
                (
                    "tags",
                    [
                        "«\u00a0Imagerie medicale\u00a0» ressemble trop à l'étiquette "
                        "«\u00a0imagerie médicale\u00a0», qui existe déjà\u00a0: écrivez "
                        "«\u00a0imagerie médicale\u00a0» dans le fichier."
                    ],
                )
            ],
        )
    ]
    assert import_totals(response)[-1] == "Lignes refusées\u00a0: 1"
    # A file with a refused row cannot be confirmed: nothing of it is written.
    assert "process_import" not in response.content.decode()
    assert sorted(Tag.objects.values_list("name", flat=True)) == tags_before
    assert not Actor.objects.filter(slug__in=["owkin", "gleamer"]).exists()
