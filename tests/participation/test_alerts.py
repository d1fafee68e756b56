"""Alerts: asked for, confirmed by a signed link, managed, unsubscribed and erased without login."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.utils import timezone

from ecosystem.models import Actor
from participation import alerts
from participation.models import Proposal, ProposalKind, Subscription, Target
from tests import factories, html_page
from tests.participation.conftest import started_ago
from tests.servers import free_port

pytestmark = pytest.mark.django_db


def follow(client, url, email="ada@example.org", frequency="daily"):
    return client.post(url, {"email": email, "frequency": frequency, "started": started_ago()})


def link_in(message, start):
    return re.search(rf"http://testserver{start}\S+", message.body).group(0)


def links_of(response):
    return [(html_page.text(link), link["href"]) for link in html_page.page(response).select("a")]


def make_subscription(**fields):
    actor_type = ContentType.objects.get_for_model(Actor)
    defaults = {
        "email": "ada@example.org",
        "target": Target.LIST,
        "content_type": actor_type,
        "confirmed_at": timezone.now(),
    }
    return Subscription.objects.create(**{**defaults, **fields})


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.ATLAS_SITE_URL = "http://testserver"


def test_follow_form_says_what_is_followed_with_its_filters(client):
    response = client.get("/participer/suivre/liste/ecosystem.actor/?region=IDF&q=dictée&page=2")

    assert html_page.texts(response, ".lead")[0].startswith(
        "Recevez un résumé des fiches publiées ou modifiées qui concernent la liste « Acteurs » "
        "avec vos filtres (Mots-clés : dictée, Région : Île-de-France)."
    )


def test_follow_form_of_invalid_filters_is_not_found(client):
    assert client.get("/participer/suivre/liste/ecosystem.actor/?region=XX").status_code == 404
    assert client.get("/participer/suivre/liste/auth.user/").status_code == 404


def test_alert_waits_for_its_address_to_be_confirmed(client):
    response = follow(client, "/participer/suivre/liste/ecosystem.actor/?region=IDF&sort=founded")

    subscription = Subscription.objects.get()
    assert response.status_code == 200
    assert (subscription.email, subscription.query, subscription.frequency) == (
        "ada@example.org",
        "region=IDF&sort=founded",
        "daily",
    )
    assert subscription.confirmed_at is None
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["ada@example.org"], "Confirmez votre alerte de l'Atlas IA Santé")
    ]


def test_confirmation_link_confirms_on_post_only(client):
    tag = factories.make_tag("Diabète")
    factories.make_actor(tags=[tag])
    follow(client, f"/participer/suivre/theme/{tag.slug}/")
    confirm_url = link_in(mail.outbox[0], "/participer/alertes/confirmer/")

    shown = client.get(confirm_url)
    still_waiting = Subscription.objects.get().confirmed_at
    confirmed = client.post(confirm_url)

    assert html_page.texts(shown, "h1") == ["Confirmer l'alerte"]
    assert still_waiting is None
    assert html_page.texts(confirmed, "h1") == ["Alerte confirmée"]
    assert Subscription.objects.get().confirmed_at is not None


def test_confirming_the_same_alert_again_replaces_the_older_one(client):
    actor = factories.make_actor(name="Nabla")
    url = f"/participer/suivre/fiche/ecosystem.actor/{actor.slug}/"
    for frequency in ("daily", "weekly"):
        follow(client, url, frequency=frequency)
        client.post(link_in(mail.outbox[-1], "/participer/alertes/confirmer/"))

    assert list(Subscription.objects.values_list("frequency", flat=True)) == ["weekly"]


@pytest.mark.parametrize("token", ["1:forged", "nothing"])
def test_forged_confirmation_link_is_refused(client, token):
    make_subscription(confirmed_at=None)

    response = client.post(f"/participer/alertes/confirmer/{token}/")

    assert response.status_code == 400
    assert Subscription.objects.get().confirmed_at is None


def test_expired_confirmation_link_is_refused(client, settings):
    subscription = make_subscription(confirmed_at=None)
    token = alerts.confirm_token(subscription)
    settings.ATLAS_ALERT_CONFIRM_DAYS = 0

    response = client.post(f"/participer/alertes/confirmer/{token}/")

    assert response.status_code == 400
    assert html_page.texts(response, "h1") == ["Ce lien n'est pas valide ou a expiré"]


def test_follow_form_refuses_robots_and_bad_addresses(client):
    url = "/participer/suivre/liste/ecosystem.actor/"
    robot = client.post(url, {"email": "a@example.org", "frequency": "daily", "started": ""})
    bad = follow(client, url, email="pas une adresse")

    assert (robot.status_code, bad.status_code) == (400, 400)
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_one_click_unsubscribe_posts_without_login_or_csrf_token():
    subscription = make_subscription()
    token = alerts.unsubscribe_token(subscription)
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        f"/participer/alertes/se-desabonner/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    again = strict.post(f"/participer/alertes/se-desabonner/{token}/")

    assert (response.status_code, again.status_code) == (200, 200)
    assert not Subscription.objects.exists()


def test_unsubscribe_link_opened_asks_before_it_acts(client):
    subscription = make_subscription()

    response = client.get(
        f"/participer/alertes/se-desabonner/{alerts.unsubscribe_token(subscription)}/"
    )

    assert html_page.texts(response, "h1") == ["Se désabonner"]
    assert Subscription.objects.exists()


def test_manage_page_lists_the_address_alerts_only(client):
    tag = factories.make_tag("Diabète")
    factories.make_actor(tags=[tag])
    make_subscription(query="region=IDF")
    make_subscription(target=Target.TAG, content_type=None, tag=tag, frequency="daily")
    make_subscription(email="other@example.org")

    response = client.get(f"/participer/alertes/gerer/{alerts.manage_token('ada@example.org')}/")

    assert html_page.texts(response, ".alert-list li p") == [
        "La liste « Acteurs » avec vos filtres (Région : Île-de-France) — chaque semaine",
        "Le thème « Diabète » — chaque jour",
    ]


def test_erasure_forgets_the_address_everywhere(client):
    make_subscription()
    make_subscription(query="region=IDF")
    kept = make_subscription(email="other@example.org")
    proposal = Proposal.objects.create(
        kind=ProposalKind.NEW_ENTRY,
        content_type=ContentType.objects.get_for_model(Actor),
        source="x",
        email="Ada@Example.org",
    )
    token = alerts.manage_token("ada@example.org")

    response = client.post(f"/participer/alertes/effacer/{token}/")

    proposal.refresh_from_db()
    assert html_page.texts(response, "h1") == ["Votre adresse est effacée"]
    assert list(Subscription.objects.all()) == [kept]
    assert proposal.email == ""


def test_erasure_by_a_forged_link_erases_nothing(client):
    make_subscription()

    response = client.post("/participer/alertes/effacer/ada@example.org:forged/")

    assert response.status_code == 400
    assert Subscription.objects.count() == 1


def test_confirmation_travels_through_a_real_mail_server_and_its_link_works(smtp_server):
    actor = factories.make_actor(name="Nabla")
    visitor = Client()

    follow(visitor, f"/participer/suivre/fiche/ecosystem.actor/{actor.slug}/")

    [(recipients, message)] = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    confirm_url = re.search(r"http://testserver(/participer/alertes/confirmer/\S+/)", text).group(1)
    assert (recipients, message["Subject"].strip()) == (
        ["ada@example.org"],
        "Confirmez votre alerte de l'Atlas IA Santé",
    )
    assert f'<a href="http://testserver{confirm_url}">Confirmer l\'alerte</a>' in html
    assert "la fiche « Nabla »" in text
    assert visitor.post(confirm_url).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_mail_server_down_leaves_no_alert_and_says_so(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()

    response = follow(client, "/participer/suivre/liste/ecosystem.actor/")

    assert response.status_code == 503
    assert not Subscription.objects.exists()


def test_tag_page_offers_to_follow_it_by_email_in_each_language(client):
    tag = factories.make_tag("Diabète")
    factories.make_actor(tags=[tag])

    french = client.get(f"/tags/{tag.slug}/")
    english = client.get(f"/en/topics/{tag.slug}/")

    assert ("Par e-mail", f"/participer/suivre/theme/{tag.slug}/") in links_of(french)
    assert ("By email", f"/en/participate/follow/topic/{tag.slug}/") in links_of(english)
    assert client.get(f"/en/participate/follow/topic/{tag.slug}/").status_code == 200
