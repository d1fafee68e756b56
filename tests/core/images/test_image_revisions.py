"""Replacing an image keeps the file a revision names, so a revert brings it back (item 12)."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains, assertRedirects

from core.models import PublicationStatus
from core.publishing.models import PendingChange
from ecosystem.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db

REVERT_FORM = "historicalactor_form"
WIDTHS = (320, 640, 1024)


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def actor_form(**fields):
    return {
        "name": "Gleamer",
        "slug": "gleamer",
        "summary": "Imagerie augmentée.",
        "kind": "company",
        "status": PublicationStatus.PUBLISHED,
        "image_alt": "Logo de Gleamer",
        **factories.formset_management_data("core-source-content_type-object_id"),
        **factories.formset_management_data("core-keyfigure-content_type-object_id"),
        **factories.formset_management_data("awards"),
        **fields,
    }


def files_of(image_name):
    return [image_name, *(f"{image_name}.{width}w.webp" for width in WIDTHS)]


def existing(names):
    return [name for name in names if default_storage.exists(name)]


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """A storage of this test's own: the test settings' in-memory one outlives each test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def replaced(reviewer_client, django_capture_on_commit_callbacks):
    """An actor saved with image A, then with image B: (actor, A's name, B's name)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            "/admin/ecosystem/actor/add/",
            actor_form(image=SimpleUploadedFile("ancien.jpg", jpeg("teal"))),
        )
    assertRedirects(response, "/admin/ecosystem/actor/")
    actor = Actor.objects.get(slug="gleamer")
    first = actor.image.name
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            f"/admin/ecosystem/actor/{actor.pk}/change/",
            actor_form(
                image=SimpleUploadedFile("nouveau.jpg", jpeg("orange")),
                seen_version=actor.version,
            ),
        )
    actor.refresh_from_db()
    assert re.search(r"/nouveau-[\w-]{22}\.jpg$", actor.image.name)
    return actor, first, actor.image.name


def test_image_replaced_keeps_the_old_files_a_revision_names(replaced):
    _actor, first, second = replaced

    assert existing(files_of(first)) == files_of(first)
    assert existing(files_of(second)) == files_of(second)


def test_revert_brings_back_the_old_image_and_keeps_the_newer(
    replaced, reviewer_client, client, django_capture_on_commit_callbacks
):
    actor, first, second = replaced
    oldest = Actor.history.filter(id=actor.pk).earliest("history_date")
    revert_url = f"/admin/ecosystem/actor/{actor.pk}/history/{oldest.history_id}/"

    page = reviewer_client.get(revert_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(revert_url, factories.posted_form(page, REVERT_FORM))

    assertRedirects(response, "/admin/ecosystem/actor/")
    assert Actor.objects.get(pk=actor.pk).image.name == first
    url = f"/media/{first}"
    srcset = f"{url}.320w.webp 320w, {url}.640w.webp 640w, {url}.1024w.webp 1024w"
    assertContains(
        client.get("/acteurs/gleamer/"),
        f'<div class="entry-image entry-header__media"><img src="{url}.1024w.webp"'
        f' srcset="{srcset}" sizes="(min-width: 40rem) 16rem, 100vw" width="1024" height="683"'
        ' alt="Logo de Gleamer" loading="eager" decoding="async"></div>',
        html=True,
    )
    assert existing(files_of(first)) == files_of(first)
    # The newer image is in a revision too: reverting again must find it.
    assert existing(files_of(second)) == files_of(second)


def test_delete_unused_media_deletes_only_files_no_entry_nor_revision_names(replaced):
    _actor, first, second = replaced
    default_storage.save("entries/2020/orphelin-abc.jpg", io.BytesIO(jpeg("red")))
    default_storage.save("entries/2020/orphelin-abc.jpg.320w.webp", io.BytesIO(b"webp"))
    output = io.StringIO()

    call_command("delete_unused_media", stdout=output)

    assert output.getvalue().splitlines() == [
        "entries/2020/orphelin-abc.jpg",
        "entries/2020/orphelin-abc.jpg.320w.webp",
        "Fichiers inutilisés supprimés : 2.",
    ]
    assert existing(files_of(first) + files_of(second)) == files_of(first) + files_of(second)


def test_delete_unused_media_deletes_an_old_image_once_no_revision_names_it(replaced):
    actor, first, second = replaced
    Actor.history.filter(id=actor.pk, image=first).delete()

    call_command("delete_unused_media", stdout=io.StringIO())

    assert existing(files_of(first)) == []
    assert existing(files_of(second)) == files_of(second)


def test_delete_unused_media_keeps_the_image_of_a_proposed_change(editor):
    actor = factories.make_actor()
    name = default_storage.save("entries/2026/propose-abc.jpg", io.BytesIO(jpeg("green")))
    proposal = PendingChange.objects.create(
        entry=actor,
        proposed_values={"fields": {"image": name}},
        proposed_by=editor,
        proposed_at=timezone.now(),
        base_version=actor.version,
    )

    call_command("delete_unused_media", stdout=io.StringIO())
    kept = default_storage.exists(name)
    proposal.delete()
    call_command("delete_unused_media", stdout=io.StringIO())

    assert (kept, default_storage.exists(name)) == (True, False)
