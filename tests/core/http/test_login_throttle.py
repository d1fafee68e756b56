"""Guessing one account's password from many addresses is slowed, not its owner (issue 10)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from tests import factories
from tests.browser.test_validity import vnu_errors

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"


def log_in(client, password, address):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "camille", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail_from_many_addresses(count, first=1):
    """`count` wrong passwords for camille, each from an address of its own (axes never locks)."""
    for number in range(first, first + count):
        response = log_in(Client(), "mauvais", f"203.0.113.{number}")
        assert response.status_code == 200


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_ten_failures_from_ten_addresses_make_the_next_attempt_wait_a_minute(clock):
    factories.make_editor("camille", PASSWORD)
    fail_from_many_addresses(10)

    refused = log_in(Client(), PASSWORD, "198.51.100.7")
    clock.shift(timedelta(seconds=61))
    allowed = log_in(Client(), PASSWORD, "198.51.100.7")

    assertContains(refused, "<h1>Connexion ralentie</h1>", status_code=429, html=True)
    assertContains(
        refused, "la prochaine tentative pour ce compte attendra 1 minute,", status_code=429
    )
    assert refused["Retry-After"] == "61"
    assertRedirects(allowed, "/admin/")


def test_the_wait_doubles_with_each_failure_up_to_fifteen_minutes(clock):
    factories.make_editor("camille", PASSWORD)
    fail_from_many_addresses(10)
    waits = []
    for number in range(11, 17):
        refused = log_in(Client(), "mauvais", "198.51.100.7")
        waits.append(int(refused["Retry-After"]))
        clock.shift(timedelta(seconds=waits[-1]))
        fail_from_many_addresses(1, first=number)

    assert waits == [61, 121, 241, 481, 901, 901]


def test_a_browser_that_logged_in_before_is_spared(clock):
    factories.make_editor("camille", PASSWORD)
    own_browser = Client()
    assertRedirects(log_in(own_browser, PASSWORD, "198.51.100.7"), "/admin/")
    own_browser.post("/admin/logout/")
    fail_from_many_addresses(10)

    own = log_in(own_browser, PASSWORD, "198.51.100.7")
    stranger = log_in(Client(), PASSWORD, "198.51.100.8")

    assertRedirects(own, "/admin/")
    assert stranger.status_code == 429


def test_a_forged_device_cookie_spares_nobody(clock):
    factories.make_editor("camille", PASSWORD)
    fail_from_many_addresses(10)
    forger = Client()
    forger.cookies["atlas_login_device"] = "camille"

    assert log_in(forger, PASSWORD, "198.51.100.9").status_code == 429


def test_the_slowed_down_page_agrees_with_its_number(clock):
    factories.make_editor("camille", PASSWORD)
    fail_from_many_addresses(10)
    clock.shift(timedelta(minutes=1))
    fail_from_many_addresses(1, first=11)

    response = log_in(Client(), PASSWORD, "198.51.100.7")

    assertContains(
        response, "la prochaine tentative pour ce compte attendra 2 minutes,", status_code=429
    )


def test_the_slowed_down_page_is_valid_html(clock, tmp_path):
    factories.make_editor("camille", PASSWORD)
    fail_from_many_addresses(10)
    page = tmp_path / "login-throttled.html"
    page.write_bytes(log_in(Client(), PASSWORD, "198.51.100.7").content)

    assert vnu_errors([page]) == []
