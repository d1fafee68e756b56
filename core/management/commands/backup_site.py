from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.transfer.backup import backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base et les fichiers téléversés dans une archive datée "
        "(README, « Sauvegarder et restaurer »)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir", default="backups", help="Dossier de l'archive (backups/ par défaut)."
        )

    def handle(self, *args: Any, output_dir: str, **options: Any) -> None:
        path = backup(Path(output_dir))
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite : {path}"))
