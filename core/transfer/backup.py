"""A whole atlas in one dated archive, its database and its media files, and back again.

The database goes as a `dumpdata` file rather than as the engine's own dump (pg_dump, SQLite's
.backup): one format and one tool for both engines, no client binary of the server's exact
version to install, and an archive of either engine restores into the other (a SQLite demo onto
a PostgreSQL server). Rows keep their ids, which revisions and generic relations name; content
types and permissions, which migrations make again under other ids, go by natural key. XML, not
JSON: Django's JSON cuts times to the millisecond, and revisions are ordered by theirs. What is
only passing (sessions, failed logins) and what is derived (the search documents, rebuilt after
loading) is left out.

The media files are read and written through the default storage, so a backup works the same
whether MEDIA_ROOT is a folder or another storage.
"""

import posixpath
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Model
from django.utils import timezone

from core.models import Tag
from core.search import index as search_index

DATABASE_MEMBER = "database.xml"
MEDIA_FOLDER = "media"
LEFT_OUT = ("contenttypes", "auth.permission", "sessions", "axes", "core.searchdocument")


def backup(directory: Path) -> Path:
    """Write `directory`/atlas-<date>.tar.gz with the database and every media file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"atlas-{timezone.localtime():%Y-%m-%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "w:gz") as archive:
        dump = Path(work) / DATABASE_MEMBER
        call_command(
            "dumpdata",
            format="xml",
            natural_foreign=True,
            exclude=[label for label in LEFT_OUT if _installed(label)],
            output=str(dump),
            verbosity=0,
        )
        archive.add(dump, arcname=DATABASE_MEMBER)
        for name in media_files():
            member = tarfile.TarInfo(posixpath.join(MEDIA_FOLDER, name))
            member.size = default_storage.size(name)
            member.mtime = int(default_storage.get_modified_time(name).timestamp())
            with default_storage.open(name, "rb") as file:
                archive.addfile(member, file)
    return path


def restore(path: Path) -> int:
    """Load the archive at `path` into this empty site; return how many media files it held."""
    call_command("migrate", interactive=False, verbosity=0)
    if not site_is_empty():
        raise CommandError(
            "Ce site n'est pas vide (fiches, étiquettes ou comptes) : la restauration se fait "
            "dans une base neuve, pour ne rien mélanger ni écraser."
        )
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        media = [member for member in archive.getmembers() if member.isfile()]
        archive.extract(DATABASE_MEMBER, work, filter="data")
        call_command("loaddata", str(Path(work) / DATABASE_MEMBER), verbosity=0)
        restored = 0
        for member in media:
            name = _media_name(member.name)
            if name is None:
                continue
            if default_storage.exists(name):
                default_storage.delete(name)
            content = archive.extractfile(member)
            # Only regular files are restored, and a regular file's member has content.
            assert content is not None
            default_storage.save(name, content)
            restored += 1
    search_index.rebuild()
    return restored


def site_is_empty() -> bool:
    """Whether no entry, tag nor account exists yet (the groups come with the migrations)."""
    models: list[type[Model]] = [
        *(apps.get_model(label) for label in settings.ATLAS_CONTENT_MODELS),
        Tag,
        get_user_model(),
    ]
    return not any(model._base_manager.exists() for model in models)


def media_files(directory: str = "") -> list[str]:
    """Every file of the default storage, by name, folders first walked in order."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [posixpath.join(directory, name) for name in sorted(files)]
    for subdirectory in sorted(directories):
        names += media_files(posixpath.join(directory, subdirectory))
    return names


def _media_name(member_name: str) -> str | None:
    """The storage name of an archived media file; None for anything else or outside media/."""
    folder, _, name = member_name.partition("/")
    parts = name.split("/")
    if folder != MEDIA_FOLDER or not name or any(part in ("", ".", "..") for part in parts):
        return None
    return name


def _installed(label: str) -> bool:
    return any(config.label == label.partition(".")[0] for config in apps.get_app_configs())
