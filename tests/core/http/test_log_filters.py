"""A database outage's 503s are logged, not e-mailed to the admins one per request."""

import logging

import pytest
from django.core import mail
from django.test import RequestFactory


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Admin", "admin@example.org")]


def log_response(status_code, reason):
    request = RequestFactory().get("/acteurs/")
    logging.getLogger("django.request").error(
        "%s: %s", reason, "/acteurs/", extra={"status_code": status_code, "request": request}
    )


def test_service_unavailable_sends_no_mail(admins):
    log_response(503, "Service Unavailable")

    assert mail.outbox == []


def test_server_error_still_mails_the_admins(admins):
    log_response(500, "Internal Server Error")

    assert [message.subject for message in mail.outbox] == [
        "[Django] ERROR (EXTERNAL IP): Internal Server Error: /acteurs/"
    ]
