"""A request with a bad Host is logged, not e-mailed to the admins (issue 10, item 7)."""

import subprocess
import sys

from tests.servers import BASE_DIR, manage, production_env

# Production settings, with Django's test e-mail outbox (setup_test_environment) in place of SMTP.
SCRIPT = """
import logging

import django
from django.core import mail
from django.test import Client
from django.test.utils import setup_test_environment

django.setup()
setup_test_environment()
bad_host = Client().get("/", HTTP_HOST="attaquant.example")
# What Django logs for a server error: the admins must still hear of it.
logging.getLogger("django.request").error("Internal Server Error: /", extra={"status_code": 500})
print(bad_host.status_code, [message.subject for message in mail.outbox])
"""


def test_bad_host_gets_400_and_mails_no_admin(tmp_path):
    env = production_env(
        ADMINS="Admin <admin@example.org>",
        DATABASE_URL=f"sqlite:///{tmp_path}/atlas.sqlite3",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    manage("collectstatic", "--noinput", env=env)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    status, subjects = result.stdout.strip().split(" ", 1)
    assert status == "400", result.stderr
    # Only the server error reached the admins.
    assert subjects == "['[Django] ERROR: Internal Server Error: /']", subjects
    assert "Invalid HTTP_HOST header: 'attaquant.example'" in result.stderr
