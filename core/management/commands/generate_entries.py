import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.synthetic.generator import generate_entries


class Command(BaseCommand):
    help = (
        "Ajoute N fiches publiées synthétiques (acteurs, dispositifs, financements attribués, "
        "formations), étiquetées et reliées entre elles, pour les essais de charge. "
        "Même N et même graine sur la même base : mêmes données."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="Nombre de fiches à ajouter.")
        parser.add_argument("--seed", type=int, default=0, help="Graine du hasard (0 par défaut).")
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Lignes par requête d'insertion."
        )

    def handle(self, *args: Any, count: int, seed: int, batch_size: int, **options: Any) -> None:
        if count < 0 or batch_size < 1:
            raise CommandError("Le nombre de fiches et la taille des lots doivent être positifs.")
        started = time.perf_counter()
        made = generate_entries(count, seed=seed, batch_size=batch_size)
        details = ", ".join(f"{label} : {number}" for label, number in made.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"{sum(made.values())} fiches ajoutées en {time.perf_counter() - started:.1f} s "
                f"({details})."
            )
        )
