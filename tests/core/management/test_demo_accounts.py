"""`make run`'s demo accounts: an editor and a reviewer, printed, working, each in its role."""

import io
import re

from django.core.management import call_command
from pytest_django.asserts import assertContains

ACCOUNT_LINE = re.compile(r"  (\S+) — identifiant : (\S+) — mot de passe : (\S+)")


def demo_accounts(credentials_dir):
    out = io.StringIO()
    call_command(
        "demo_accounts",
        credentials_dir=str(credentials_dir),
        url="http://127.0.0.1:8000/admin/",
        stdout=out,
    )
    return out.getvalue()


def printed_accounts(output):
    return {
        username: (group, password) for group, username, password in ACCOUNT_LINE.findall(output)
    }


def log_in(client, username, password):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    assert response.status_code == 302, f"{username} could not log in"


def test_demo_prints_an_editor_and_a_reviewer_with_the_passwords_kept_in_var(db, tmp_path):
    output = demo_accounts(tmp_path)

    accounts = printed_accounts(output)
    assert output.startswith("\nEspace éditeurs : http://127.0.0.1:8000/admin/\n")
    assert {username: group for username, (group, _) in accounts.items()} == {
        "editeur": "Éditeurs",
        "relecteur": "Relecteurs",
    }
    assert (tmp_path / "demo-editor.txt").read_text() == accounts["editeur"][1] + "\n"
    assert (tmp_path / "demo-reviewer.txt").read_text() == accounts["relecteur"][1] + "\n"
    assert accounts["editeur"][1] != accounts["relecteur"][1]
    # Run again (each `make run`), the accounts and their passwords stay as they were.
    assert printed_accounts(demo_accounts(tmp_path)) == accounts


def test_demo_editor_writes_and_only_the_demo_reviewer_may_publish(client, db, tmp_path):
    accounts = printed_accounts(demo_accounts(tmp_path))
    published = '<option value="published">Publié</option>'

    log_in(client, "editeur", accounts["editeur"][1])
    editor_form = client.get("/admin/ecosystem/actor/add/")
    assertContains(editor_form, '<option value="review">En relecture</option>', html=True)
    assert 'value="published"' not in editor_form.content.decode()

    client.logout()
    log_in(client, "relecteur", accounts["relecteur"][1])
    assertContains(client.get("/admin/ecosystem/actor/add/"), published, html=True)
