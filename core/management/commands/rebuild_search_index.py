from typing import Any

from django.core.management.base import BaseCommand

from core.search import index as search


class Command(BaseCommand):
    help = (
        "Réindexe toutes les fiches et étiquettes pour la recherche du site : après une "
        "migration sur une base déjà remplie, ou une modification faite hors de l'ORM."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = search.rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"Index de recherche reconstruit : {count} documents.")
        )
