"""The content models: every kind of entry, in the order settings.ATLAS_CONTENT_MODELS lists."""

from django.apps import apps
from django.conf import settings

from core.models import Entry


def content_models() -> list[type[Entry]]:
    """The published content models, in the order the site presents them."""
    return [apps.get_model(label) for label in settings.ATLAS_CONTENT_MODELS]
