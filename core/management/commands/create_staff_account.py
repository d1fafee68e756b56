import getpass
import os
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.publishing.permissions import GROUPS_BY_ROLE


class Command(BaseCommand):
    help = (
        "Crée le compte d'un éditeur ou d'un relecteur de l'espace éditeurs. Le mot de passe est "
        "demandé deux fois, ou lu dans une variable d'environnement (--password-from-env)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Identifiant de connexion.")
        parser.add_argument(
            "--role",
            required=True,
            choices=sorted(GROUPS_BY_ROLE),
            help="editor : écrit et soumet à la relecture ; reviewer : publie aussi.",
        )
        parser.add_argument("--email", default="", help="Adresse électronique (facultative).")
        parser.add_argument(
            "--password-from-env",
            metavar="VARIABLE",
            help="Lire le mot de passe dans cette variable d'environnement, sans le demander.",
        )

    def handle(
        self,
        *args: Any,
        username: str,
        role: str,
        email: str,
        password_from_env: str | None,
        **options: Any,
    ) -> None:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Le compte « {username} » existe déjà.")
        password = self._password(password_from_env)
        user = User(username=username, email=email, is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Mot de passe refusé : " + " ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=GROUPS_BY_ROLE[role]))
        self.stdout.write(
            self.style.SUCCESS(f"Compte « {username} » créé ({GROUPS_BY_ROLE[role]}).")
        )

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(f"La variable d'environnement {variable} est vide ou absente.")
            return password
        password = getpass.getpass("Mot de passe : ")
        if password != getpass.getpass("Mot de passe (encore) : "):
            raise CommandError("Les deux mots de passe ne correspondent pas.")
        return password
