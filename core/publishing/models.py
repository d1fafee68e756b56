"""A change to a published entry that waits for a reviewer: the entry's working copy."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingChange(models.Model):
    """What an editor proposes to change in a published entry, kept apart from the live row.

    Only what differs from the live version is held, by part: `{"fields": {name: value},
    "relations": {name: [ids]}, "tags": [names], "sources": [...], "key_figures": [...]}`.
    Kept apart rather than as a second row of the entry's own table, so that no public query,
    count, feed or search has to learn to leave working copies out: they are not entries.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    proposed_values = models.JSONField(_("modifications proposées"), encoder=DjangoJSONEncoder)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_changes",
        verbose_name=_("proposée par"),
    )
    proposed_at = models.DateTimeField(_("proposée le"))
    # The live version the change was made from: the reviewer is told if it has moved on since.
    base_version = models.PositiveIntegerField(_("version de départ"))
    # Where the change came from when not from the editor alone (« proposition n° 12 »): the
    # revision that publishes it says so.
    origin = models.CharField(_("origine"), max_length=200, blank=True)

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("modification proposée")
        verbose_name_plural = _("modifications proposées")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_pendingchange_one_per_entry"
            )
        ]

    def __str__(self) -> str:
        return str(_("Modification proposée de « %(entry)s »") % {"entry": self.entry})
