"""`make backup` / `make restore`: a whole atlas restored into an empty site, on both engines."""

import io
import json
import tarfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image
from pytest_django.asserts import assertRedirects

from core.models import PublicationStatus
from core.transfer.backup import restore
from ecosystem.models import Actor
from tests import factories
from tests.servers import manage, postgres_answers, production_env, throwaway_postgres_database

pytestmark = pytest.mark.django_db

# Every row of every table of the atlas, revisions and relations included, as text. Run here
# on the original and by `manage.py shell` on the restored site. Content types are made again
# by migrations, under other ids: they are compared by name, and users too.
SNAPSHOT = """
import json
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

def column(field):
    if field.related_model is ContentType:
        return f"{field.name}__model"
    if field.related_model is get_user_model():
        return f"{field.name}__username"
    return field.attname

def rows(model):
    # A many-to-many row is loaded with its entry, under a new id.
    fields = [f for f in model._meta.concrete_fields if not (model._meta.auto_created and f.primary_key)]
    values = model._base_manager.values_list(*map(column, fields))
    return sorted([str(value) for value in row] for row in values)

snapshot = {
    model._meta.label: rows(model)
    for app in ("core", "ecosystem", "funding", "trainings")
    for model in apps.get_app_config(app).get_models(include_auto_created=True)
    if model._meta.label != "core.SearchDocument"
}
snapshot["users"] = sorted(get_user_model().objects.values_list("username", flat=True))
print(json.dumps(snapshot, sort_keys=True))
"""


def snapshot_here():
    output = io.StringIO()
    with redirect_stdout(output):
        call_command("shell", command=SNAPSHOT, no_imports=True)
    return json.loads(output.getvalue())


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def atlas(reviewer_client, django_capture_on_commit_callbacks):
    """Entries of every kind with relations, tags, sources, figures, awards, images, revisions."""
    form = {
        "name": "Gleamer",
        "slug": "gleamer",
        "summary": "Imagerie augmentée.",
        "kind": "company",
        "status": PublicationStatus.PUBLISHED,
        "image_alt": "Logo de Gleamer",
        # Existing tags, chosen by their ids as the autocomplete posts them (core/admin/tags.py).
        "tags": [
            factories.make_tag(name).pk for name in ("Imagerie médicale", "Soins", "parcours")
        ],
        **factories.formset_management_data("core-source-content_type-object_id"),
        **factories.formset_management_data("core-keyfigure-content_type-object_id"),
        **factories.formset_management_data("awards"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            "/admin/ecosystem/actor/add/",
            {**form, "image": SimpleUploadedFile("ancien.jpg", jpeg("teal"))},
        )
    assertRedirects(response, "/admin/ecosystem/actor/")
    gleamer = Actor.objects.get(slug="gleamer")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            f"/admin/ecosystem/actor/{gleamer.pk}/change/",
            {
                **form,
                "summary": "Radiologie assistée.",
                "image": SimpleUploadedFile("nouveau.jpg", jpeg("orange")),
                "seen_version": gleamer.version,
            },
        )
    aphp = factories.make_actor(name="AP-HP", summary="Hôpitaux de Paris.")
    aphp.members.add(gleamer)
    factories.make_source(gleamer, title="Communiqué", publisher="Gleamer")
    factories.make_key_figure(gleamer, label="Levée", value="27 M€")
    scheme = factories.make_scheme(
        name="France 2030", operators=[aphp], budget_eur="54000000000.00"
    )
    factories.make_award(scheme=scheme, actor=gleamer, year=2023, amount_eur="4500000.00")
    factories.make_programme(
        name="DU IA en santé", providers=[aphp], status=PublicationStatus.DRAFT
    )


def media_bytes(root):
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def back_up(tmp_path):
    output = io.StringIO()
    call_command("backup_site", output_dir=str(tmp_path / "backups"), stdout=output)
    (archive,) = (tmp_path / "backups").glob("atlas-*.tar.gz")
    assert output.getvalue() == f"Sauvegarde écrite : {archive}\n"
    return archive


def restored_snapshot(database_url, media, archive):
    env = production_env(DATABASE_URL=database_url, MEDIA_ROOT=str(media))
    assert manage("restore_site", str(archive), env=env).endswith("fichiers).\n")
    return json.loads(manage("shell", "--no-imports", "-c", SNAPSHOT, env=env))


def check_restored(snapshot, expected, media, original_media):
    assert snapshot == expected
    assert media_bytes(media) == media_bytes(original_media)


def test_backup_archive_holds_the_database_and_every_media_file(atlas, tmp_path, media_root):
    archive = back_up(tmp_path)

    with tarfile.open(archive) as opened:
        names = sorted(opened.getnames())
    files = sorted(f"media/{name}" for name in media_bytes(media_root))
    # Two originals, each with its three renditions: the replaced image is kept for a revert.
    assert len(files) == 8
    assert names == ["database.xml", *files]


def test_restore_into_an_empty_sqlite_site_gives_back_every_entry_revision_and_file(
    atlas, tmp_path, media_root
):
    expected = snapshot_here()
    archive = back_up(tmp_path)

    snapshot = restored_snapshot(
        f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media", archive
    )

    # Gleamer added then changed, AP-HP added then given a member.
    assert len(expected["ecosystem.HistoricalActor"]) == 4
    check_restored(snapshot, expected, tmp_path / "restored-media", media_root)


@pytest.mark.skipif(
    not postgres_answers(), reason="No PostgreSQL server answers at TEST_DATABASE_URL."
)
def test_restore_into_an_empty_postgresql_site_gives_back_every_entry_revision_and_file(
    atlas, tmp_path, media_root
):
    expected = snapshot_here()
    archive = back_up(tmp_path)

    with throwaway_postgres_database("files_restore") as url:
        snapshot = restored_snapshot(url, tmp_path / "restored-media", archive)

    check_restored(snapshot, expected, tmp_path / "restored-media", media_root)


def test_restore_refuses_a_site_that_is_not_empty(atlas, tmp_path):
    archive = back_up(tmp_path)

    with pytest.raises(CommandError, match="Ce site n'est pas vide"):
        restore(archive)
