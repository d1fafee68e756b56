"""Logging in to the back-office: locked out after repeated failures, sessions that end."""

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains, assertRedirects

from tests import factories
from tests.admin_page import field_errors

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"


def log_in(client, username, password, address="192.0.2.10"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_login_with_the_right_password_opens_the_back_office(client):
    factories.make_editor("camille", PASSWORD)

    assertRedirects(log_in(client, "camille", PASSWORD), "/admin/")
    assert client.get("/admin/").status_code == 200


def test_login_locks_out_after_five_failures_with_a_french_page(client):
    factories.make_editor("camille", PASSWORD)
    failures = [log_in(client, "camille", "mauvais-mot-de-passe") for _ in range(4)]

    fifth = log_in(client, "camille", "mauvais-mot-de-passe")
    right_password = log_in(client, "camille", PASSWORD)

    assert [response.status_code for response in failures] == [200] * 4
    assertContains(failures[0], "Veuillez compléter correctement les champs")
    for response in (fifth, right_password):
        assertContains(response, "<h1>Connexion bloquée</h1>", status_code=429, html=True)
        assertContains(
            response,
            "ce compte ne peut plus se connecter depuis votre adresse pendant 15 minutes",
            status_code=429,
        )
    assert client.get("/admin/").status_code == 302


def test_login_lock_out_spares_the_same_account_from_another_address(client):
    factories.make_editor("camille", PASSWORD)
    for _ in range(5):
        log_in(client, "camille", "mauvais-mot-de-passe", address="192.0.2.66")

    response = log_in(client, "camille", PASSWORD, address="198.51.100.7")

    assertRedirects(response, "/admin/")


def test_login_failures_are_forgotten_after_a_success(client):
    factories.make_editor("camille", PASSWORD)
    for _ in range(4):
        log_in(client, "camille", "mauvais-mot-de-passe")
    assertRedirects(log_in(client, "camille", PASSWORD), "/admin/")
    client.logout()

    for _ in range(4):
        log_in(client, "camille", "mauvais-mot-de-passe")

    assertRedirects(log_in(client, "camille", PASSWORD), "/admin/")


def test_login_session_lasts_a_working_day_and_ends_with_the_browser(client):
    factories.make_editor("camille", PASSWORD)

    response = log_in(client, "camille", PASSWORD)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) == (
        8 * 60 * 60,
        True,
    )
    # A cookie without expiry is dropped when the browser closes.
    assert (cookie["expires"], cookie["max-age"]) == ("", "")
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_login_refuses_a_weak_password_when_an_editor_changes_theirs(editor_client):
    response = editor_client.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "azerty123",
            "new_password2": "azerty123",
        },
    )

    assert field_errors(response) == {
        "new_password2": [
            "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères.",
            "Ce mot de passe est trop courant.",
        ]
    }


def log_in_through_proxy(client, password, forwarded_for):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "camille", "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_the_lock_out_is_per_visitor_not_per_proxy(client, settings):
    settings.ATLAS_TRUSTED_PROXIES = 1
    factories.make_editor("camille", PASSWORD)
    for _ in range(5):
        log_in_through_proxy(client, "mauvais-mot-de-passe", "192.0.2.66")

    locked = log_in_through_proxy(client, PASSWORD, "192.0.2.66")
    elsewhere = log_in_through_proxy(client, PASSWORD, "198.51.100.7")

    assert locked.status_code == 429
    assertRedirects(elsewhere, "/admin/")


def test_behind_a_proxy_an_address_forged_by_the_client_is_ignored(client, settings):
    settings.ATLAS_TRUSTED_PROXIES = 1
    factories.make_editor("camille", PASSWORD)
    # The client writes a new address each time; the proxy appends the one it really sees.
    for number in range(5):
        log_in_through_proxy(client, "mauvais-mot-de-passe", f"203.0.113.{number}, 192.0.2.66")

    assert log_in_through_proxy(client, PASSWORD, "203.0.113.99, 192.0.2.66").status_code == 429


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, settings):
    settings.ATLAS_TRUSTED_PROXIES = 0
    factories.make_editor("camille", PASSWORD)
    for number in range(5):
        log_in_through_proxy(client, "mauvais-mot-de-passe", f"203.0.113.{number}")

    assert log_in_through_proxy(client, PASSWORD, "198.51.100.7").status_code == 429


def test_login_with_a_refused_next_lands_on_the_back_office(client):
    factories.make_editor("camille", PASSWORD)

    response = client.post(
        "/admin/login/?next=https://attaquant.example/",
        {"username": "camille", "password": PASSWORD, "next": "https://attaquant.example/"},
    )

    assertRedirects(response, "/admin/")
