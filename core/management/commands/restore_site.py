from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.transfer.backup import restore


class Command(BaseCommand):
    help = (
        "Restaure une archive de backup_site dans un site vide : migre la base, charge les "
        "données, remet les fichiers téléversés et reconstruit l'index de recherche."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="L'archive atlas-….tar.gz à restaurer.")

    def handle(self, *args: Any, archive: str, **options: Any) -> None:
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Archive introuvable : {path}")
        files = restore(path)
        self.stdout.write(self.style.SUCCESS(f"Site restauré depuis {path} ({files} fichiers)."))
