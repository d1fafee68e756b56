from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Socle commun")

    def ready(self) -> None:
        # Imported once the models are ready: both read them at import.
        from core.caching import receivers
        from core.search import signals

        receivers.connect_signals()
        signals.connect_signals()
