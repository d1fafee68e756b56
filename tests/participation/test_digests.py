"""Digests: what changed and matches, never drafts; sent once, through a real SMTP server."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.models import PublicationStatus
from ecosystem.models import Actor
from participation.digests import period_end
from participation.models import Delivery, DeliveryState, Subscription, Target
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "http://atlas.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.ATLAS_SITE_URL = SITE


def last_midnight():
    return period_end("daily", timezone.now())


def actor_changed(at, **fields):
    """A published actor whose last save was at `at`."""
    actor = factories.make_actor(**fields)
    Actor.objects.filter(pk=actor.pk).update(updated_at=at)
    return actor


def follow_actors(email="ada@example.org", **fields):
    defaults = {
        "email": email,
        "target": Target.LIST,
        "content_type": ContentType.objects.get_for_model(Actor),
        "frequency": "daily",
        "confirmed_at": last_midnight() - timedelta(days=2),
    }
    return Subscription.objects.create(**{**defaults, **fields})


def header(message, name):
    """A header's value, unfolded: a long one is folded onto a second line, space first."""
    return message[name].strip()


def send_alerts():
    call_command("send_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115


def links(text):
    return re.findall(rf"{SITE}\S+?(?=[\s\"<]|$)", text)


def test_digest_lists_what_was_published_or_changed_and_matches_never_drafts(smtp_server):
    midnight = last_midnight()
    yesterday = midnight - timedelta(hours=12)
    actor_changed(yesterday, name="Alpha Santé", region="IDF", summary="Dictée médicale.")
    actor_changed(yesterday, name="Bravo", region="OCC")
    actor_changed(yesterday, name="Charlie", region="IDF", status=PublicationStatus.DRAFT)
    actor_changed(midnight - timedelta(days=3), name="Delta", region="IDF")
    actor_changed(timezone.now(), name="Echo", region="IDF")
    actor_changed(midnight - timedelta(days=5), name="Foxtrot", region="IDF", publish_at=yesterday)
    follow_actors(query="region=IDF")

    send_alerts()

    [(recipients, message)] = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert recipients == ["ada@example.org"]
    assert header(message, "Subject") == "Atlas IA Santé : 2 fiches nouvelles ou modifiées"
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        rf"<{SITE}/participer/alertes/se-desabonner/\S+/>", header(message, "List-Unsubscribe")
    )
    assert re.findall(r"^- (.+?)\r?$", text, re.MULTILINE) == [
        "Alpha Santé (acteur)",
        "Foxtrot (acteur)",
    ]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a> \(', html) == [
        (f"{SITE}/acteurs/alpha-sante/", "Alpha Santé"),
        (f"{SITE}/acteurs/foxtrot/", "Foxtrot"),
    ]
    assert "Dictée médicale." in text


def test_every_link_of_a_digest_works(smtp_server):
    actor_changed(last_midnight() - timedelta(hours=1), name="Alpha", region="IDF")
    follow_actors(query="region=IDF")
    send_alerts()
    [(_, message)] = smtp_server.messages
    visitor = Client()

    found = links(message.get_body(("plain",)).get_content())
    statuses = [
        visitor.get(urlsplit(link).path + "?" + urlsplit(link).query).status_code for link in found
    ]

    assert len(found) == 4  # the entry, the list followed, manage, unsubscribe
    assert statuses == [200] * 4
    unsubscribe = urlsplit(header(message, "List-Unsubscribe").strip("<>")).path
    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    assert not Subscription.objects.exists()


def test_digest_in_english_for_an_alert_asked_in_english(smtp_server):
    actor_changed(last_midnight() - timedelta(hours=1), name="Alpha")
    follow_actors(language="en")

    send_alerts()

    [(_, message)] = smtp_server.messages
    assert header(message, "Subject") == "Atlas IA Santé: 1 new or updated entry"
    assert f"{SITE}/en/actors/alpha/" in message.get_body(("plain",)).get_content()


def test_english_digest_gives_the_english_texts_and_marks_the_french_it_falls_back_to(
    smtp_server,
):
    yesterday = last_midnight() - timedelta(hours=1)
    actor_changed(yesterday, name="Alpha", summary="Lit les radios.", summary_en="Reads X-rays.")
    actor_changed(yesterday, name="Beta", summary="Pas encore traduit.")
    follow_actors(language="en")

    send_alerts()

    [(_, message)] = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "- Alpha (actor)\r\n  Reads X-rays.\r\n" in text
    assert "- Beta (actor)\r\n  Pas encore traduit.\r\n" in text
    assert "<br>Reads X-rays.</li>" in html
    assert '<br><span lang="fr">Pas encore traduit.</span></li>' in html


def test_english_alert_reads_its_words_in_english(smtp_server):
    yesterday = last_midnight() - timedelta(hours=1)
    actor_changed(yesterday, name="Alpha", summary="IA pour les radios.", summary_en="AI imaging.")
    follow_actors(language="en", query="q=imaging")

    send_alerts()

    [(_, message)] = smtp_server.messages
    assert "- Alpha (actor)" in message.get_body(("plain",)).get_content()


def test_tag_and_entry_alerts_follow_their_own_entries():
    yesterday = last_midnight() - timedelta(hours=12)
    tag = factories.make_tag("Diabète")
    on_tag = actor_changed(yesterday, name="Alpha", tags=[tag])
    scheme = factories.make_scheme(name="Bravo", tags=[tag])
    scheme.__class__.objects.filter(pk=scheme.pk).update(updated_at=yesterday)
    followed = actor_changed(yesterday, name="Charlie")
    actor_changed(yesterday, name="Delta")
    by_tag = follow_actors(target=Target.TAG, tag=tag)
    by_tag.content_type = None
    by_tag.save()
    by_entry = follow_actors(email="bob@example.org", target=Target.ENTRY, object_id=followed.pk)

    send_alerts()

    deliveries = {
        delivery.subscription: delivery.entry_count for delivery in Delivery.objects.all()
    }
    assert deliveries == {by_tag: 2, by_entry: 1}
    assert on_tag.pk != followed.pk


def test_weekly_digest_covers_the_week_to_last_monday(smtp_server):
    monday = period_end("weekly", timezone.now())
    actor_changed(monday - timedelta(days=3), name="Alpha")
    actor_changed(monday - timedelta(days=9), name="Bravo")
    subscription = follow_actors(frequency="weekly")
    subscription.confirmed_at = monday - timedelta(days=7)
    subscription.save()

    send_alerts()

    delivery = Delivery.objects.get()
    assert (delivery.period_start, delivery.period_end, delivery.entry_count) == (
        monday - timedelta(days=7),
        monday,
        1,
    )
    assert timezone.localtime(monday).weekday() == 0


def test_nothing_new_sends_nothing_and_is_recorded(smtp_server):
    follow_actors()

    send_alerts()

    assert smtp_server.messages == []
    assert Delivery.objects.get().state == DeliveryState.EMPTY


def test_unconfirmed_alert_gets_nothing(smtp_server):
    actor_changed(last_midnight() - timedelta(hours=1), name="Alpha")
    subscription = follow_actors()
    subscription.confirmed_at = None
    subscription.save()

    send_alerts()

    assert smtp_server.messages == []


def test_running_twice_sends_each_digest_once(smtp_server):
    actor_changed(last_midnight() - timedelta(hours=1), name="Alpha")
    follow_actors()

    send_alerts()
    send_alerts()

    assert len(smtp_server.messages) == 1


def test_run_that_died_after_sending_does_not_send_again(smtp_server):
    actor_changed(last_midnight() - timedelta(hours=1), name="Alpha")
    first, second = follow_actors("ada@example.org"), follow_actors("bob@example.org")
    # What a run that died between the message and its record leaves: the period claimed.
    Delivery.objects.create(
        subscription=first,
        period_start=first.confirmed_at,
        period_end=last_midnight(),
        state=DeliveryState.SENDING,
    )

    send_alerts()
    send_alerts()

    assert [recipients for recipients, _ in smtp_server.messages] == [["bob@example.org"]]
    assert second.deliveries.get().state == DeliveryState.SENT


def test_mail_server_failing_midway_resumes_where_it_stopped(smtp_server):
    actor_changed(last_midnight() - timedelta(hours=1), name="Alpha")
    for email in ("ada@example.org", "bob@example.org", "cy@example.org"):
        follow_actors(email)
    smtp_server.accept_only = 1

    send_alerts()
    sent_first = [recipients for recipients, _ in smtp_server.messages]
    smtp_server.accept_only = None
    send_alerts()
    send_alerts()

    assert sent_first == [["ada@example.org"]]
    assert [recipients for recipients, _ in smtp_server.messages] == [
        ["ada@example.org"],
        ["bob@example.org"],
        ["cy@example.org"],
    ]
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_addresses_never_confirmed_are_forgotten_once_their_link_has_expired():
    stale = follow_actors("old@example.org", confirmed_at=None)
    Subscription.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=8))
    waiting = follow_actors("new@example.org", confirmed_at=None)

    send_alerts()

    assert list(Subscription.objects.all()) == [waiting]
