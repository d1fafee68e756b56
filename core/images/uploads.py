"""Uploaded entry images: what the atlas accepts, and the clean copy of it that it keeps.

The type is read from the file's content, never from its name. Only still JPEG, PNG and WebP
images are kept: SVG may hold scripts, and every other format widens what Pillow must decode.
Limits on bytes and pixels are checked before any pixel is decoded, so that a small file that
declares a huge image (a decompression bomb) is refused without being expanded in memory. The
kept copy is re-encoded with its orientation applied and without EXIF, XMP or text metadata,
which may reveal where and with what a photo was taken.
"""

import secrets
import warnings
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# In Mo as editors' file browsers count them: 1 Mo is a million bytes.
MAX_IMAGE_MEGABYTES = 5
MAX_IMAGE_BYTES = MAX_IMAGE_MEGABYTES * 1_000_000
MAX_IMAGE_PIXELS = 40_000_000
# Pillow's name for each accepted format, with the extension and media type of the kept copy.
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
# What re-encoding keeps of the original's metadata: only what changes how the pixels look.
KEPT_INFO = ("icc_profile", "transparency")
JPEG_QUALITY = 90
WEBP_QUALITY = 90
MAX_STEM_LENGTH = 60

MESSAGES = {
    "too_heavy": _(
        "Le fichier pèse %(size)s Mo : la limite est de %(limit)d Mo. "
        "Réduisez ou compressez l'image avant de l'envoyer."
    ),
    "svg": _(
        "Les images SVG sont refusées : elles peuvent contenir du code. "
        "Enregistrez l'image en JPEG, PNG ou WebP."
    ),
    "not_an_image": _(
        "Ce fichier n'est pas une image JPEG, PNG ou WebP. "
        "Son type est lu dans son contenu, pas dans son nom."
    ),
    "too_many_pixels": _(
        "L'image compte trop de pixels : la limite est de %(megapixels)d mégapixels "
        "(par exemple 8 000 × 5 000). Réduisez ses dimensions avant de l'envoyer."
    ),
    "animated": _("Les images animées sont refusées : choisissez une image fixe."),
    "damaged": _(
        "Ce fichier image est endommagé ou incomplet : enregistrez-le à nouveau, puis réessayez."
    ),
}


def entry_image_path(instance: Model, filename: str) -> str:
    """Where an uploaded image is kept: `entries/2026/gleamer-<random token>.png`.

    The token makes the address of a draft's image unguessable: /media/ is served without
    asking whether the entry is published (README, « Fichiers des éditeurs »).
    """
    path = Path(filename)
    stem = slugify(path.stem)[:MAX_STEM_LENGTH] or "image"
    return f"entries/{timezone.now():%Y}/{stem}-{secrets.token_urlsafe(16)}{path.suffix.lower()}"


def clean_entry_image(upload: File) -> SimpleUploadedFile:
    """The upload checked and re-encoded without metadata, named after its real type."""
    image = validate_entry_image(upload)
    # forms.FileField refuses, before this, an upload without a name.
    assert upload.name is not None
    return strip_metadata(image, name=upload.name)


def validate_entry_image(upload: File) -> Image.Image:
    """Refuse what is not a still JPEG, PNG or WebP within the limits; return it decoded."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            MESSAGES["too_heavy"],
            code="too_heavy",
            params={
                "size": number_format(upload.size / 1_000_000, 1, use_l10n=True),
                "limit": MAX_IMAGE_MEGABYTES,
            },
        )
    upload.seek(0)
    if _looks_like_svg(upload.read(1024)):
        raise ValidationError(MESSAGES["svg"], code="svg")
    upload.seek(0)
    too_many_pixels = ValidationError(
        MESSAGES["too_many_pixels"],
        code="too_many_pixels",
        params={"megapixels": MAX_IMAGE_PIXELS // 1_000_000},
    )
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that: make it refuse there too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=list(ACCEPTED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(MESSAGES["not_an_image"], code="not_an_image") from None
        # Opening read only the header: the size it declares is checked before decoding.
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise too_many_pixels
        if getattr(image, "n_frames", 1) > 1:
            raise ValidationError(MESSAGES["animated"], code="animated")
        try:
            image.load()
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(MESSAGES["damaged"], code="damaged") from None
    return image


def strip_metadata(image: Image.Image, *, name: str) -> SimpleUploadedFile:
    """A new file of `image` in its own format, upright, with nothing but its pixels and colours."""
    # Pillow names the format of every image it read from a file: validate_entry_image()'s.
    assert image.format is not None
    extension, content_type = ACCEPTED_FORMATS[image.format]
    kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    upright = ImageOps.exif_transpose(image)
    # Pillow types info keys as str or tuple (PNG text chunks); the kept ones are all str.
    upright.info = kept  # type: ignore[assignment]
    buffer = BytesIO()
    if image.format == "JPEG":
        upright.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, **kept)
    elif image.format == "WEBP":
        upright.save(buffer, "WEBP", quality=WEBP_QUALITY, **kept)
    else:
        upright.save(buffer, "PNG", optimize=True, **kept)
    return SimpleUploadedFile(
        f"{_stem(name)}.{extension}", buffer.getvalue(), content_type=content_type
    )


def _looks_like_svg(head: bytes) -> bool:
    start = head.lstrip().lower()
    return start.startswith(b"<?xml") or b"<svg" in start


def _stem(name: str) -> str:
    # Without dots, an original's name never ends like a rendition's ("….640w.webp").
    return slugify(Path(name).stem)[:MAX_STEM_LENGTH] or "image"
