from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.registry import content_models


class Command(BaseCommand):
    help = "Charge les données de démonstration (l'article source) dans une base encore vide."

    def handle(self, *args: Any, **options: Any) -> None:
        # Loading again would overwrite what editors changed since: load only into an empty atlas.
        if any(model.objects.exists() for model in content_models()):
            self.stdout.write(
                "L'atlas contient déjà des fiches : données de démonstration non rechargées."
            )
            return
        call_command("loaddata", *settings.ATLAS_DEMO_FIXTURES, verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
