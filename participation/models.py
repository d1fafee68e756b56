"""What visitors send: proposals of entries and corrections, and the alerts they follow.

None of these rows shows on a public page (`changes_public_pages = False`): saving one leaves
the page cache alone, so a flood of proposals never slows the public pages.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Tag
from core.publishing.models import PendingChange
from ecosystem.models import Region

# Sizes of what a visitor may type: every field has one.
NAME_LENGTH = 200
SUMMARY_LENGTH = 300
TEXT_LENGTH = 4000
URL_LENGTH = 500
TAGS_LENGTH = 300


class ProposalKind(models.TextChoices):
    CORRECTION = "correction", _("Correction d'une fiche")
    NEW_ENTRY = "new", _("Nouvelle fiche")


class ProposalStatus(models.TextChoices):
    NEW = "new", _("Nouvelle")
    ACCEPTED = "accepted", _("Acceptée")
    REJECTED = "rejected", _("Refusée")


class ProposalQuerySet(models.QuerySet):
    def awaiting(self):
        return self.filter(status=ProposalStatus.NEW)


class Proposal(models.Model):
    """A visitor's proposal: a new entry, or a correction of one; a reviewer decides."""

    changes_public_pages = False

    kind = models.CharField(_("nature"), max_length=20, choices=ProposalKind.choices)
    # The kind of entry; for a correction, `object_id` is the entry, and for a new entry the
    # draft made from it once accepted.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("type de fiche")
    )
    object_id = models.PositiveBigIntegerField(_("fiche"), null=True, blank=True)
    entry = GenericForeignKey("content_type", "object_id")
    name = models.CharField(_("nom"), max_length=NAME_LENGTH, blank=True)
    summary = models.CharField(_("résumé"), max_length=SUMMARY_LENGTH, blank=True)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    website = models.URLField(_("site web"), max_length=URL_LENGTH, blank=True)
    tags = models.CharField(_("thèmes"), max_length=TAGS_LENGTH, blank=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    region = models.CharField(_("région"), max_length=3, choices=Region.choices, blank=True)
    message = models.TextField(_("ce qui doit changer"), max_length=TEXT_LENGTH, blank=True)
    source = models.CharField(_("source"), max_length=URL_LENGTH)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    language = models.CharField(_("langue"), max_length=10, default="fr")
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.NEW,
        db_index=True,
    )
    review_note = models.TextField(_("note du relecteur"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("relue par"),
    )
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)
    working_copy = models.ForeignKey(
        PendingChange,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copie de travail"),
    )
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, db_index=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition du public")
        verbose_name_plural = _("propositions du public")

    def __str__(self):
        return str(_("Proposition n° %(number)s") % {"number": self.pk})

    @property
    def tag_names(self):
        return [name.strip() for name in self.tags.split(",") if name.strip()]


class Frequency(models.TextChoices):
    DAILY = "daily", _("Chaque jour")
    WEEKLY = "weekly", _("Chaque semaine")


class Target(models.TextChoices):
    LIST = "list", _("Une liste")
    TAG = "tag", _("Un thème")
    ENTRY = "entry", _("Une fiche")


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """An e-mail alert on a list (with its filters), a tag or an entry.

    The address serves only to send the digests, and goes when the visitor erases it.
    """

    changes_public_pages = False

    email = models.EmailField(_("adresse e-mail"), db_index=True)
    language = models.CharField(_("langue"), max_length=10, default="fr")
    frequency = models.CharField(
        _("fréquence"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    target = models.CharField(_("suivi"), max_length=10, choices=Target.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # A list's filters, search and sort, as its query string (validated by its FilterSet).
    query = models.CharField(_("filtres"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email", "created_at"]
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")

    def __str__(self):
        return f"{self.email} ({self.get_target_display()})"


class DeliveryState(models.TextChoices):
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    EMPTY = "empty", _("Rien à envoyer")


class Delivery(models.Model):
    """One digest of one subscription for one period, recorded before it is sent.

    The row is claimed (SENDING) and committed before the message goes, marked SENT after:
    a run that dies in between leaves it SENDING and no later run sends that period again.
    A digest is thus never sent twice; at worst, one is lost in a crash.
    """

    changes_public_pages = False

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    period_start = models.DateTimeField(_("depuis"))
    period_end = models.DateTimeField(_("jusqu'à"))
    state = models.CharField(_("état"), max_length=10, choices=DeliveryState.choices)
    entry_count = models.PositiveIntegerField(_("fiches"), default=0)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        ordering = ["subscription", "period_end"]
        verbose_name = _("envoi d'alerte")
        verbose_name_plural = _("envois d'alertes")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_end"], name="participation_one_digest_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="participation_delivery_period_not_empty",
            ),
        ]

    def __str__(self):
        return f"{self.subscription} → {self.period_end:%Y-%m-%d}"
