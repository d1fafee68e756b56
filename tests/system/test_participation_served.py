"""Participation as visitors meet it: through a real Varnish (deploy/varnish/default.vcl), which
strips visitors' cookies from GETs, before gunicorn with production settings, PostgreSQL and
Redis, and mail through a real SMTP server. A proposal is received, an alert is asked for,
confirmed from its e-mail, digested by `manage.py send_alerts` and ended in one click."""

import re
import secrets
import shutil
import time
import urllib.parse

import pytest
import redis
from aiosmtpd.controller import Controller

from tests.participation.conftest import Mailbox
from tests.servers import (
    BASE_DIR,
    Browser,
    Server,
    form_fields,
    free_port,
    gunicorn,
    manage,
    postgres_answers,
    production_env,
    service_missing,
    throwaway_postgres_database,
)

# Redis database 6 is participation's own.
REDIS_URL = "redis://127.0.0.1:6379/6"
CREATE_CONTENT = """
from ecosystem.models import Actor
Actor.objects.create(
    name="Gleamer", slug="gleamer", kind="company", summary="IA pour la radiographie.",
    status="published",
)
"""
# What a day later looks like: the actor changed yesterday, the alert confirmed before.
ONE_DAY_LATER = """
from datetime import timedelta
from django.utils import timezone
from ecosystem.models import Actor
from participation.digests import period_end
from participation.models import Subscription
midnight = period_end("daily", timezone.now())
Actor.objects.filter(slug="gleamer").update(updated_at=midnight - timedelta(hours=2))
Subscription.objects.update(confirmed_at=midnight - timedelta(days=1))
"""
COUNT = """
from participation.models import Proposal, Subscription
print(Proposal.objects.count(), Subscription.objects.count())
"""


def _redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Varnish before gunicorn on a new database, a Redis prefix of its own and a mailbox."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if varnishd is None or not postgres_answers() or not _redis_answers():
        service_missing("This test needs varnishd, PostgreSQL at TEST_DATABASE_URL and Redis.")
    folder = tmp_path_factory.mktemp("participation")
    prefix = f"atlas-test-{secrets.token_hex(4)}"
    varnish_port = free_port()
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    servers = []
    with throwaway_postgres_database("atlas_participation") as database_url:
        env = production_env(
            DATABASE_URL=database_url,
            REDIS_URL=REDIS_URL,
            CACHE_KEY_PREFIX=prefix,
            STATIC_ROOT=str(folder / "static"),
            TRUSTED_PROXIES="1",
            SITE_URL=f"http://127.0.0.1:{varnish_port}",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
        )
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("shell", "-c", CREATE_CONTENT, env=env)
        try:
            app = gunicorn(env=env, log_path=folder / "app.log", workers=1)
            servers.append(app)
            vcl = (BASE_DIR / "deploy/varnish/default.vcl").read_text()
            vcl = re.sub(r'(\.host = "127\.0\.0\.1"; \.port = )"\d+"', rf'\g<1>"{app.port}"', vcl)
            (folder / "default.vcl").write_text(vcl)
            varnish = Server(
                [
                    varnishd,
                    *("-F", "-j", "none", "-a", f"127.0.0.1:{varnish_port}", "-T", "none"),
                    *("-f", str(folder / "default.vcl"), "-n", str(folder / "varnish")),
                    *("-s", "malloc,32m"),
                ],
                env={"PATH": "/usr/sbin:/usr/bin:/bin"},
                port=varnish_port,
                log_path=folder / "varnish.log",
            )
            servers.append(varnish)
            yield {"varnish": varnish, "env": env, "mailbox": mailbox, "prefix": prefix}
        finally:
            for server in servers:
                server.stop()
            smtp.stop()
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)


def counts(served):
    # The last line: `shell` may first say what it imported.
    output = manage("shell", "-c", COUNT, env=served["env"]).strip().splitlines()[-1]
    return tuple(int(number) for number in output.split())


def fill(browser, path, headers=None, **values):
    """The form of `path` as a person fills it, sent after the few seconds a person takes."""
    page = browser.get(path)
    assert (page.status, "no-store" in page.headers["Cache-Control"]) == (200, True), path
    fields = dict(form_fields(page.text, "participation-form"))
    time.sleep(3.2)
    return browser.post(path, {**fields, **values}, headers=headers)


def test_proposals_cross_varnish_and_count_the_visitor_not_what_they_claim(served):
    visitor = Browser(served["varnish"].url)
    path = "/participer/corriger/ecosystem.actor/gleamer/"
    values = {"message": "Le résumé est vague.", "source": "https://www.gleamer.ai/"}

    first = fill(visitor, path, **values)
    # Forged by the client; Varnish appends the address it saw, which alone is read.
    second = fill(visitor, path, headers={"X-Forwarded-For": "198.51.100.1"}, **values)

    assert [(page.status, page.headers["X-Cache"]) for page in (first, second)] == [
        (200, "MISS"),
        (200, "MISS"),
    ]
    assert "Merci, votre proposition est reçue" in first.text
    store = redis.Redis.from_url(REDIS_URL)
    rate = {
        key.decode().split(":", 2)[2]: int(store.get(key))
        for key in store.scan_iter(f"{served['prefix']}:*:participation:*")
    }
    assert rate == {"participation:rate:proposal:127.0.0.1": 2}
    assert counts(served)[0] == 2


def test_an_alert_is_confirmed_digested_once_and_ended_in_one_click(served):
    mailbox, env = served["mailbox"], served["env"]
    visitor = Browser(served["varnish"].url)
    followed = fill(
        visitor,
        "/participer/suivre/liste/ecosystem.actor/?kind=company",
        email="ada@example.org",
        frequency="daily",
    )
    assert followed.status == 200, followed.text

    [(_, confirmation)] = mailbox.messages
    link = re.search(
        r"http://\S+/participer/alertes/confirmer/\S+/",
        confirmation.get_body(("plain",)).get_content(),
    )
    confirm_path = urllib.parse.urlsplit(link.group(0)).path
    form = visitor.get(confirm_path)
    confirmed = visitor.post(confirm_path, dict(form_fields(form.text, "confirm-form")))
    assert "Alerte confirmée" in confirmed.text

    manage("shell", "-c", ONE_DAY_LATER, env=env)
    manage("send_alerts", env=env)
    manage("send_alerts", env=env)
    digests = mailbox.messages[1:]
    assert len(digests) == 1
    [(recipients, digest)] = digests
    assert recipients == ["ada@example.org"]
    assert "Gleamer (acteur)" in digest.get_body(("plain",)).get_content()

    unsubscribe = urllib.parse.urlsplit(digest["List-Unsubscribe"].strip().strip("<>")).path
    # A mail client posts from nowhere: no cookie, no CSRF token.
    ended = Browser(served["varnish"].url).post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert ended.status == 200
    assert counts(served)[1] == 0
