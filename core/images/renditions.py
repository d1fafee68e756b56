"""Responsive WebP renditions of entry images, made once, and the removal of unused files.

A rendition lives next to its original, under a name made from the original's name and the
rendition's width: `entries/2026/gleamer.png.640w.webp`. It is made the first time it is asked
for (the admin asks right after a save), kept in the default storage, and what the renditions of
an original are is remembered in the cache, so a page shows them without touching the storage.
"""

import hashlib
import logging
import posixpath
import re
from dataclasses import dataclass
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from core.images.uploads import ACCEPTED_FORMATS

logger = logging.getLogger("atlas.images")

RENDITION_WIDTHS = (320, 640, 1024)
RENDITION_QUALITY = 80
CACHE_SECONDS = 60 * 60 * 24 * 7
# EXIF orientations that turn the image a quarter: its displayed width is its stored height.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
RENDITION_SUFFIX = re.compile(r"\.\d+w\.webp$")


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


def rendition_name(original_name: str, width: int) -> str:
    return f"{original_name}.{width}w.webp"


def rendition_widths(original_width: int) -> list[int]:
    """The standard widths narrower than the original, and the original's own up to the largest."""
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    largest = min(original_width, RENDITION_WIDTHS[-1])
    return widths if largest in widths else [*widths, largest]


def entry_renditions(image_name: str | None) -> list[Rendition]:
    """The renditions of an original, narrowest first; none if it cannot be read."""
    if not image_name:
        return []
    key = _cache_key(image_name)
    renditions = cache.get(key)
    if renditions is None:
        renditions = _make_renditions(image_name)
        # A missing or unreadable original is tried again later, not every time.
        cache.set(key, renditions, CACHE_SECONDS if renditions else 60)
    return renditions


def delete_image_files(image_name: str | None) -> None:
    """Delete an original and its renditions, unless an entry or a revision still names it.

    A revision that names the file is one an editor may revert to: the image must come back.
    """
    if not image_name or image_in_use(image_name):
        return
    cache.delete(_cache_key(image_name))
    directory, filename = posixpath.split(image_name)
    own_rendition = re.compile(rf"{re.escape(filename)}\.\d+w\.webp")
    try:
        _, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        if name == filename or own_rendition.fullmatch(name):
            default_storage.delete(posixpath.join(directory, name))


def _make_renditions(image_name: str) -> list[Rendition]:
    storage = default_storage
    try:
        with (
            storage.open(image_name, "rb") as file,
            Image.open(file, formats=list(ACCEPTED_FORMATS)) as image,
        ):
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS:
                width, height = height, width
            renditions = [
                Rendition(
                    rendition_name(image_name, target),
                    target,
                    max(1, round(height * target / width)),
                )
                for target in rendition_widths(width)
            ]
            missing = [rendition for rendition in renditions if not storage.exists(rendition.name)]
            if missing:
                upright = _for_webp(ImageOps.exif_transpose(image))
                for rendition in missing:
                    _save_rendition(upright, rendition)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("No renditions for %s: %s", image_name, error)
        return []
    return renditions


def _for_webp(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA"):
        return image
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _save_rendition(image: Image.Image, rendition: Rendition) -> None:
    resized = image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=4)
    saved = default_storage.save(rendition.name, ContentFile(buffer.getvalue()))
    if saved != rendition.name:
        # Another process made it meanwhile: keep theirs, under the expected name.
        default_storage.delete(saved)


def image_in_use(image_name: str) -> bool:
    """Whether an entry, a revision of one or a change proposed to one names this original."""
    models = [apps.get_model(label) for label in settings.ATLAS_CONTENT_MODELS]
    # A proposed change (core.publishing) holds the name of the image it would put live.
    proposals = apps.get_model("core", "PendingChange")._base_manager
    return (
        any(
            manager.filter(image=image_name).exists()
            for model in models
            for manager in (model._base_manager, model.history.model._base_manager)
        )
        or proposals.filter(proposed_values__fields__image=image_name).exists()
    )


def unused_image_files(directory: str = "entries") -> list[str]:
    """The files under `directory` no entry nor revision needs: originals and their renditions."""
    directories, files = default_storage.listdir(directory)
    unused = []
    for subdirectory in sorted(directories):
        unused += unused_image_files(posixpath.join(directory, subdirectory))
    for name in sorted(files):
        path = posixpath.join(directory, name)
        # A rendition is needed as long as its original is.
        if not image_in_use(RENDITION_SUFFIX.sub("", path)):
            unused.append(path)
    return unused


def _cache_key(image_name: str) -> str:
    return f"atlas:renditions:{hashlib.sha256(image_name.encode()).hexdigest()}"
