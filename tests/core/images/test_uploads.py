"""Entry images: what uploads are refused and why, the clean copy kept, renditions, initials."""

import os
import re
import struct
import zlib
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image
from pytest_django.asserts import assertContains, assertRedirects

from core.images.placeholders import background_colour, contrast_ratio, initials
from core.images.renditions import entry_renditions
from core.models import PublicationStatus
from ecosystem.models import Actor
from tests import factories
from tests.admin_page import field_errors

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = (
    "Ce fichier n'est pas une image JPEG, PNG ou WebP. "
    "Son type est lu dans son contenu, pas dans son nom."
)
SVG_REFUSED = (
    "Les images SVG sont refusées : elles peuvent contenir du code. "
    "Enregistrez l'image en JPEG, PNG ou WebP."
)
TOO_MANY_PIXELS = (
    "L'image compte trop de pixels : la limite est de 40 mégapixels "
    "(par exemple 8 000 × 5 000). Réduisez ses dimensions avant de l'envoyer."
)
ANIMATED = "Les images animées sont refusées : choisissez une image fixe."
CARD_SIZES = "(min-width: 74rem) 20rem, (min-width: 38rem) 45vw, 100vw"


def image_bytes(size=(1600, 900), image_format="JPEG", **save_options):
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, image_format, **save_options)
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that declares `width` × `height` pixels in a few bytes: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 16))
        + chunk(b"IEND", b"")
    )


def actor_form(image=None, **fields):
    """What the actor's add or change form posts."""
    data = {
        "name": "Gleamer",
        "slug": "gleamer",
        "summary": "Imagerie augmentée.",
        "kind": "company",
        # Published, for the public pages to show it: only a reviewer may, hence reviewer_client.
        "status": PublicationStatus.PUBLISHED,
        "image_alt": "Logo de Gleamer",
        **factories.formset_management_data("core-source-content_type-object_id"),
        **factories.formset_management_data("core-keyfigure-content_type-object_id"),
        **factories.formset_management_data("awards"),
        **fields,
    }
    if image is not None:
        data["image"] = image
    return data


def upload(name, content):
    return SimpleUploadedFile(name, content)


def add_actor(client, capture_on_commit, image, **fields):
    with capture_on_commit(execute=True):
        response = client.post("/admin/ecosystem/actor/add/", actor_form(image, **fields))
    assertRedirects(response, "/admin/ecosystem/actor/")
    return Actor.objects.get(slug=fields.get("slug", "gleamer"))


def noise_png(size):
    """A PNG that does not compress: random pixels weigh three bytes each."""
    buffer = BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", "Une note tapée dans un éditeur de texte.\n".encode(), NOT_AN_IMAGE),
        ("document.png", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", NOT_AN_IMAGE),
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
            b"<script>alert(1)</script></svg>",
            SVG_REFUSED,
        ),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', SVG_REFUSED),
        ("anime.gif", image_bytes((20, 20), "GIF"), NOT_AN_IMAGE),
        ("bombe.png", png_header_only(50_000, 50_000), TOO_MANY_PIXELS),
        ("grande.png", png_header_only(8_000, 6_000), TOO_MANY_PIXELS),
    ],
)
def test_image_upload_refuses_what_is_not_a_safe_image(reviewer_client, name, content, message):
    response = reviewer_client.post(
        "/admin/ecosystem/actor/add/", actor_form(upload(name, content))
    )

    assert field_errors(response) == {"image": [message]}
    assertContains(
        response, f'<ul class="errorlist" id="id_image_error"><li>{message}</li></ul>', html=True
    )
    assert not Actor.objects.exists()


def test_image_upload_refuses_a_file_over_five_megabytes(reviewer_client):
    content = noise_png((1400, 1400))
    # Pillow ignores what follows the end of a PNG: padding makes a round size to read.
    content += bytes(6_000_000 - len(content))

    response = reviewer_client.post(
        "/admin/ecosystem/actor/add/", actor_form(upload("lourde.png", content))
    )

    assert field_errors(response) == {
        "image": [
            "Le fichier pèse 6,0 Mo : la limite est de 5 Mo. "
            "Réduisez ou compressez l'image avant de l'envoyer."
        ]
    }
    assert not Actor.objects.exists()


def test_image_upload_refuses_an_animated_image(reviewer_client):
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue")]
    buffer = BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])

    response = reviewer_client.post(
        "/admin/ecosystem/actor/add/", actor_form(upload("anime.png", buffer.getvalue()))
    )

    assert field_errors(response) == {"image": [ANIMATED]}


def test_image_upload_keeps_a_jpeg_upright_and_without_exif(
    reviewer_client, django_capture_on_commit_callbacks
):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone on its side
    exif[ExifTags.Base.Make] = "Téléphone"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
    }
    original = image_bytes((1600, 900), exif=exif)
    assert Image.open(BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    actor = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("Photo du stand.JPEG", original)
    )

    assert re.fullmatch(r"entries/\d{4}/photo-du-stand-[\w-]{22}\.jpg", actor.image.name)
    with default_storage.open(actor.image.name) as file, Image.open(file) as kept:
        assert (kept.format, kept.size) == ("JPEG", (900, 1600))
        assert dict(kept.getexif()) == {}
        assert "exif" not in kept.info


def test_image_upload_names_the_file_after_its_real_type(
    reviewer_client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client,
        django_capture_on_commit_callbacks,
        upload("logo.png", image_bytes((400, 400), "WEBP")),
    )

    assert re.fullmatch(rf"entries/{actor.created_at:%Y}/logo-[\w-]{{22}}\.webp", actor.image.name)


def test_image_upload_gets_an_unguessable_name(reviewer_client, django_capture_on_commit_callbacks):
    first = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("logo.png", image_bytes())
    )
    second = add_actor(
        reviewer_client,
        django_capture_on_commit_callbacks,
        upload("logo.png", image_bytes()),
        slug="gleamer-bis",
    )

    # 22 characters of a random token: 128 bits no visitor can guess from the entry's name.
    pattern = rf"entries/{first.created_at:%Y}/logo-(?P<token>[A-Za-z0-9_-]{{22}})\.jpg"
    tokens = [re.fullmatch(pattern, actor.image.name)["token"] for actor in (first, second)]
    assert tokens[0] != tokens[1]


def test_entry_image_renditions_are_made_once_at_save(
    reviewer_client, client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("gleamer.jpg", image_bytes())
    )
    names = [f"{actor.image.name}.{width}w.webp" for width in (320, 640, 1024)]
    made_at = [default_storage.get_modified_time(name) for name in names]

    cache.clear()  # a new process knows nothing of them: it must find them, not remake them
    client.get("/acteurs/")
    client.get("/acteurs/gleamer/")

    assert [default_storage.get_modified_time(name) for name in names] == made_at
    with default_storage.open(names[1]) as file, Image.open(file) as rendition:
        assert (rendition.format, rendition.size) == ("WEBP", (640, 360))


def test_entry_card_and_header_show_renditions_in_srcset(
    reviewer_client, client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("gleamer.jpg", image_bytes())
    )
    url = f"/media/{actor.image.name}"
    srcset = f"{url}.320w.webp 320w, {url}.640w.webp 640w, {url}.1024w.webp 1024w"

    list_page = client.get("/acteurs/")
    detail_page = client.get("/acteurs/gleamer/")

    assertContains(
        list_page,
        f'<div class="entry-image card__media"><img src="{url}.1024w.webp" srcset="{srcset}"'
        f' sizes="{CARD_SIZES}" width="1024" height="576" alt="Logo de Gleamer" loading="lazy"'
        ' decoding="async"></div>',
        html=True,
    )
    assertContains(
        detail_page,
        f'<div class="entry-image entry-header__media"><img src="{url}.1024w.webp"'
        f' srcset="{srcset}" sizes="(min-width: 40rem) 16rem, 100vw" width="1024" height="576"'
        ' alt="Logo de Gleamer" loading="eager" decoding="async"></div>',
        html=True,
    )


def test_entry_image_narrower_than_renditions_gets_one_of_its_own_width(
    reviewer_client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client,
        django_capture_on_commit_callbacks,
        upload("logo.png", image_bytes((500, 250), "PNG")),
    )

    renditions = entry_renditions(actor.image.name)

    assert [(r.width, r.height) for r in renditions] == [(320, 160), (500, 250)]


def test_entry_image_cleared_keeps_its_files_for_a_revert(
    reviewer_client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("logo.jpg", image_bytes())
    )
    name = actor.image.name

    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            f"/admin/ecosystem/actor/{actor.pk}/change/",
            actor_form(**{"image-clear": "on", "image_alt": ""}, seen_version=actor.version),
        )

    actor.refresh_from_db()
    assert actor.image.name == ""
    # The revision that showed it may be reverted to (tests/core/test_image_revisions.py).
    assert (default_storage.exists(name), default_storage.exists(f"{name}.320w.webp")) == (
        True,
        True,
    )


def test_entry_deleted_keeps_its_image_files_for_its_revisions(
    reviewer_client, admin_client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("logo.jpg", image_bytes())
    )
    name = actor.image.name

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/ecosystem/actor/{actor.pk}/delete/", {"post": "yes"})

    assert not Actor.objects.exists()
    assert (default_storage.exists(name), default_storage.exists(f"{name}.1024w.webp")) == (
        True,
        True,
    )


def test_entry_image_shared_with_another_entry_is_kept(
    reviewer_client, django_capture_on_commit_callbacks
):
    actor = add_actor(
        reviewer_client, django_capture_on_commit_callbacks, upload("commun.jpg", image_bytes())
    )
    shared = actor.image.name
    factories.make_scheme(image=shared, image_alt="Logo commun")

    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            f"/admin/ecosystem/actor/{actor.pk}/change/",
            actor_form(upload("autre.jpg", image_bytes()), seen_version=actor.version),
        )

    assert default_storage.exists(shared)


def test_entry_without_image_shows_its_initials_on_a_colour(client):
    factories.make_actor(name="Hôpital de la Pitié")

    response = client.get("/acteurs/")

    # The colour of this name's hue, written out: a change of palette shows here.
    colour = "#7b7624"
    assertContains(
        response,
        '<div class="entry-image entry-image--default card__media">'
        '<svg viewBox="0 0 320 70" width="320" height="70" aria-hidden="true" focusable="false">'
        f'<rect width="320" height="70" fill="{colour}"/>'
        '<text x="160" y="35" dy="0.35em" text-anchor="middle" fill="#ffffff"'
        ' font-family="system-ui, sans-serif" font-size="34" font-weight="700"'
        ' letter-spacing="2">HP</text>'
        "</svg></div>",
        html=True,
    )


def test_entry_whose_image_file_is_missing_shows_its_initials(client):
    factories.make_actor(name="Owkin", image="entries/2020/disparu.png", image_alt="Logo")

    response = client.get("/acteurs/")

    assertContains(response, "entry-image--default card__media")
    assertContains(response, ">O</text>")


def test_entry_header_without_image_shows_no_default_image(client):
    factories.make_actor(name="Owkin")

    response = client.get("/acteurs/owkin/")

    assert b"entry-image" not in response.content


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gleamer", "G"),
        ("Institut Curie", "IC"),
        ("Hôpital de la Pitié-Salpêtrière", "HP"),
        ("École des hautes études en santé publique", "ÉH"),
        ("Provence-Alpes-Côte d'Azur", "PA"),
        ("De", "D"),
        ("!", "?"),
    ],
)
def test_initials_skip_small_words(name, expected):
    assert initials(name) == expected


def test_default_image_colour_is_stable_and_readable_under_white_text():
    names = [f"Acteur numéro {number}" for number in range(500)]
    colours = [background_colour(name) for name in names]

    # The same name gets the same colour in every process, whatever its case and margins.
    assert [background_colour(name) for name in ["Gleamer", "  gleamer ", "Institut Curie"]] == [
        "#26822f",
        "#26822f",
        "#7334b2",
    ]
    assert min(contrast_ratio(colour, "#ffffff") for colour in colours) >= 4.5
    assert len(set(colours)) > 100  # names spread over the hues, not one colour for all
