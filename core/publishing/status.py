"""Where an entry stands in the publication workflow, and what the public may see now."""

from datetime import datetime
from typing import Self

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.public.languages import FrenchColumnsQuerySet


class PublicationStatus(models.TextChoices):
    """Where an entry stands: written, submitted, public, or withdrawn for good."""

    DRAFT = "draft", _("Brouillon")
    REVIEW = "review", _("En relecture")
    PUBLISHED = "published", _("Publié")
    ARCHIVED = "archived", _("Archivé")


def published_condition(*, prefix: str = "", now: datetime | None = None) -> models.Q:
    """The condition for an entry to be public at `now`: published, and within its dates.

    Comparing with the clock in every query is what makes scheduled publication need no cron.
    `prefix` reaches an entry through a relation (`"scheme__"`).
    """
    now = now or timezone.now()
    return (
        models.Q(**{f"{prefix}status": PublicationStatus.PUBLISHED})
        & (
            models.Q(**{f"{prefix}publish_at__isnull": True})
            | models.Q(**{f"{prefix}publish_at__lte": now})
        )
        & (
            models.Q(**{f"{prefix}unpublish_at__isnull": True})
            | models.Q(**{f"{prefix}unpublish_at__gt": now})
        )
    )


class EntryQuerySet(FrenchColumnsQuerySet):
    def published(self) -> Self:
        """The entries the public may see now."""
        return self.filter(published_condition())
