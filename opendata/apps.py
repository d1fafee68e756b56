from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Données ouvertes")

    def ready(self):
        # Types what drf-spectacular cannot see in the list pages' filters (opendata/schema.py).
        from opendata import schema  # noqa: F401
