"""Make every cached page and count stale: the « everything » switch, for deploys."""

from typing import Any

from django.core.management.base import BaseCommand

from core.caching.invalidation import content_changed


class Command(BaseCommand):
    help = (
        "Rend périmées toutes les pages et tous les comptes gardés en cache, sur tous les "
        "serveurs qui partagent le cache (à lancer après un déploiement qui change les gabarits)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        content_changed()
        self.stdout.write(self.style.SUCCESS("Toutes les pages en cache sont périmées."))
