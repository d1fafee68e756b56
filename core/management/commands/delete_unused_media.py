"""Delete the entry images that nothing can show again, not even a revert."""

from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser

from core.images.renditions import unused_image_files


class Command(BaseCommand):
    help = (
        "Supprime les images (et leurs déclinaisons) qu'aucune fiche ni aucune révision ne "
        "nomme plus. Avec --dry-run, les liste sans rien supprimer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Lister les fichiers sans les supprimer."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        try:
            unused = unused_image_files()
        except FileNotFoundError:
            unused = []
        for name in unused:
            self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "à supprimer" if dry_run else "supprimés"
        self.stdout.write(self.style.SUCCESS(f"Fichiers inutilisés {verb} : {len(unused)}."))
