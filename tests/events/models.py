from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Entry
from core.public.structured_data import CONTEXT


class EventKind(models.TextChoices):
    CONFERENCE = "conference", "Conférence"
    HACKATHON = "hackathon", "Hackathon"


class Event(Entry):
    """An event of the ecosystem: what a kind of entry declares, and its own fields only."""

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    starts_on = models.DateField()

    class Meta(Entry.Meta):
        verbose_name = "événement"
        verbose_name_plural = "événements"

    list_url_name = "events:event-list"
    detail_url_name = "events:event-detail"
    section_title = _("Événements")
    section_intro = "Conférences et hackathons de l'IA en santé."
    category_field = "kind"
    category_choices = EventKind

    def structured_data(self, build_url):
        return {
            "@context": CONTEXT,
            "@type": "Event",
            "name": self.name,
            "url": build_url(self.get_absolute_url()),
            "startDate": self.starts_on.isoformat(),
        }
