import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser

from core.publishing.permissions import EDITORS_GROUP, REVIEWERS_GROUP

# Both halves of the workflow: an editor writes and submits, a reviewer publishes.
ACCOUNTS = (
    ("editeur", EDITORS_GROUP, "demo-editor.txt"),
    ("relecteur", REVIEWERS_GROUP, "demo-reviewer.txt"),
)


class Command(BaseCommand):
    help = (
        "Crée, la première fois, un compte d'éditeur et un compte de relecteur de démonstration "
        "aux mots de passe aléatoires, et affiche comment se connecter à l'espace éditeurs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--credentials-dir",
            default=str(Path(settings.BASE_DIR) / "var"),
            help="Dossier (hors dépôt git) où garder les mots de passe générés.",
        )
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"\nEspace éditeurs : {options['url']}")
        for username, group, file_name in ACCOUNTS:
            credentials = Path(options["credentials_dir"]) / file_name
            password = self._password(username, group, credentials)
            self.stdout.write(f"  {group} — identifiant : {username} — mot de passe : {password}")
        self.stdout.write("")

    def _password(self, username: str, group: str, credentials: Path) -> str:
        """The account's password as kept in `credentials`, the account made the first time."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = get_user_model().objects.create_user(
                username=username, password=password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=group))
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.write_text(password + "\n", encoding="utf-8")
            credentials.chmod(0o600)
        password = credentials.read_text(encoding="utf-8").strip() if credentials.exists() else ""
        if not user.check_password(password):
            return f"(modifié ; pour le redéfinir : manage.py changepassword {username})"
        return password
