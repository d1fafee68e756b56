import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from core.publishing.permissions import EDITORS_GROUP

USERNAME = "editeur"


class Command(BaseCommand):
    help = (
        "Crée, la première fois, un compte d'éditeur de démonstration au mot de passe aléatoire, "
        "et affiche comment se connecter à l'espace éditeurs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "demo-editor.txt"),
            help="Fichier (hors dépôt git) où garder le mot de passe généré.",
        )
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, **options):
        credentials = Path(options["credentials_file"])
        user = get_user_model().objects.filter(username=USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = get_user_model().objects.create_user(
                username=USERNAME, password=password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=EDITORS_GROUP))
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.write_text(password + "\n", encoding="utf-8")
            credentials.chmod(0o600)
        password = credentials.read_text(encoding="utf-8").strip() if credentials.exists() else ""
        if not user.check_password(password):
            password = f"(modifié ; pour le redéfinir : manage.py changepassword {USERNAME})"
        self.stdout.write(f"\nEspace éditeurs : {options['url']}")
        self.stdout.write(f"  identifiant : {USERNAME}")
        self.stdout.write(f"  mot de passe : {password}\n")
