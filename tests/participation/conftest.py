"""Helpers for the participation tests: a proposal's form data, and a real SMTP server."""

import email
import email.policy
import time

import pytest
from aiosmtpd.controller import Controller

from participation import guards
from tests.servers import free_port


def started_ago(seconds=60):
    """A form's signed start time, `seconds` ago: as if a person had taken that long."""
    return guards.start_token(now=time.time() - seconds)


def correction_data(**changes):
    return {
        "message": "Le site web a changé.",
        "website": "https://nouveau.example.org/",
        "source": "https://nouveau.example.org/mentions-legales",
        "started": started_ago(),
        **changes,
    }


def new_entry_data(**changes):
    return {
        "entry_kind": "ecosystem.actor",
        "name": "Radiologie Augmentée",
        "summary": "Une start-up qui lit les radiographies thoraciques.",
        "website": "https://radiologie-augmentee.example.org/",
        "description": "Fondée à Lille en 2021.",
        "tags": "imagerie médicale, radiologie",
        "city": "Lille",
        "region": "HDF",
        "source": "https://radiologie-augmentee.example.org/presse",
        "started": started_ago(),
        **changes,
    }


class Mailbox:
    """What an SMTP server received: each message parsed, with its envelope."""

    def __init__(self):
        self.messages = []
        # How many more messages to take before refusing every one (None: no limit).
        self.accept_only = None

    async def handle_DATA(self, server, session, envelope):
        if self.accept_only is not None:
            if self.accept_only <= 0:
                return "451 Try again later"
            self.accept_only -= 1
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port of the loopback, which Django's SMTP backend uses."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield mailbox
    finally:
        controller.stop()
