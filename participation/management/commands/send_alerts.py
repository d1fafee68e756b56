"""Send each confirmed alert its digest of the last whole day or week (run by cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.digests import send_due
from participation.models import DeliveryState, Subscription


class Command(BaseCommand):
    help = (
        "Envoie à chaque alerte confirmée le résumé de sa dernière journée ou semaine. "
        "Peut tourner aussi souvent qu'on veut : un résumé n'est jamais envoyé deux fois."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        # An address never confirmed is kept no longer than its confirmation link works.
        expired = now - timedelta(days=settings.ATLAS_ALERT_CONFIRM_DAYS)
        forgotten, _ = Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=expired
        ).delete()
        sent = empty = 0
        for subscription in Subscription.objects.confirmed().iterator():
            delivery = send_due(subscription, now=now)
            if delivery is None:
                continue
            if delivery.state == DeliveryState.SENT:
                sent += 1
            else:
                empty += 1
        self.stdout.write(
            f"{sent} digest(s) sent, {empty} with nothing new, "
            f"{forgotten} unconfirmed address(es) forgotten."
        )
