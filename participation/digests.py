"""The alert e-mails: the confirmation of a new alert, and the digests of what changed.

Digests cover whole periods that end at midnight (daily) or on Monday at midnight (weekly),
site time. Each starts where the subscription's last one ended, so a day the command did not
run is not lost but joins the next digest. See models.Delivery for why a digest is never sent
twice, even by two runs at once or a run that died.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.public.languages import shown_language
from participation import alerts
from participation.models import Delivery, DeliveryState, Frequency

logger = logging.getLogger("atlas.participation")


def absolute(path):
    return f"{settings.ATLAS_SITE_URL}{path}"


def period_end(frequency, now):
    """The end of the last whole period of `frequency` before `now`, site time."""
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Frequency.WEEKLY:
        midnight -= timedelta(days=midnight.weekday())
    return midnight


def _message(*, template, subject_template, context, to, headers=None):
    subject = render_to_string(subject_template, context).strip()
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _links(subscription):
    return {
        "manage_url": absolute(
            reverse("participation:alert-manage", args=[alerts.manage_token(subscription.email)])
        ),
        "unsubscribe_url": absolute(
            reverse(
                "participation:alert-unsubscribe", args=[alerts.unsubscribe_token(subscription)]
            )
        ),
    }


def send_confirmation(subscription):
    """Ask the address's owner to confirm the alert, in their language."""
    with translation.override(subscription.language):
        what, url = alerts.followed(subscription)
        context = {
            "subscription": subscription,
            "what": what,
            "followed_url": absolute(url),
            "confirm_url": absolute(
                reverse("participation:alert-confirm", args=[alerts.confirm_token(subscription)])
            ),
            "confirm_days": settings.ATLAS_ALERT_CONFIRM_DAYS,
        }
        message = _message(
            template="participation/email/confirm",
            subject_template="participation/email/confirm_subject.txt",
            context=context,
            to=subscription.email,
        )
    message.send()


def fallback_language(entry, field_name):
    """The language `entry`'s text is shown in when it is not the message's, else ""."""
    shown = shown_language(entry, field_name)
    return "" if shown == translation.get_language() else shown


def digest_message(subscription, entries):
    """The digest of `entries` for `subscription`, with its one-click unsubscribe (RFC 8058)."""
    with translation.override(subscription.language):
        what, url = alerts.followed(subscription)
        links = _links(subscription)
        context = {
            "subscription": subscription,
            "what": what,
            "followed_url": absolute(url),
            "entries": [
                {
                    "name": entry.name,
                    # The French a text falls back to is marked so in the HTML (WCAG 3.1.2).
                    "name_lang": fallback_language(entry, "name"),
                    "kind": entry._meta.verbose_name,
                    "summary": entry.summary,
                    "summary_lang": fallback_language(entry, "summary"),
                    "url": absolute(entry.get_absolute_url()),
                }
                for entry in entries
            ],
            **links,
        }
        return _message(
            template="participation/email/digest",
            subject_template="participation/email/digest_subject.txt",
            context=context,
            to=subscription.email,
            headers={
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


def send_due(subscription, *, now):
    """Send `subscription` its digest of the last whole period, unless already done.

    Returns the Delivery recorded, or None when nothing was due or another run has it.
    """
    end = period_end(subscription.frequency, now)
    last = subscription.deliveries.order_by("-period_end").first()
    start = last.period_end if last else subscription.confirmed_at
    if start >= end:
        return None
    entries = alerts.matching_entries(subscription, start=start, end=end)
    state = DeliveryState.SENDING if entries else DeliveryState.EMPTY
    try:
        # Committed before the message goes: a run that dies after sending cannot send it again.
        with transaction.atomic():
            delivery = Delivery.objects.create(
                subscription=subscription,
                period_start=start,
                period_end=end,
                state=state,
                entry_count=len(entries),
            )
    except IntegrityError:
        return None
    if not entries:
        return delivery
    try:
        digest_message(subscription, entries).send()
    except OSError:
        # The mail server refused or was unreachable: nothing went, the next run tries again.
        logger.warning("Digest for subscription %s not sent", subscription.pk, exc_info=True)
        delivery.delete()
        return None
    delivery.state = DeliveryState.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["state", "sent_at"])
    return delivery
