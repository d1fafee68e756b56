"""Who may do what in the back-office: editors, reviewers, superusers, and visitors kept out."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from pytest_django.asserts import assertRedirects

from core.publishing.permissions import EDITORS_GROUP, REVIEWERS_GROUP
from tests import factories
from tests.html_page import page, text

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "cheval-agrafe-batterie-42"
PUBLISH_PERMISSIONS = {
    "ecosystem.publish_actor",
    "funding.publish_fundingscheme",
    "trainings.publish_trainingprogramme",
}
# Reviewers also moderate the public's proposals (participation/).
MODERATE_PERMISSIONS = {"participation.view_proposal", "participation.change_proposal"}


def group_permissions(name):
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Group.objects.get(name=name).permissions.select_related("content_type")
    }


def test_editors_group_writes_entries_but_neither_publishes_nor_deletes_them():
    permissions = group_permissions(EDITORS_GROUP)

    assert {"ecosystem.add_actor", "ecosystem.change_actor", "funding.change_award"} <= permissions
    assert not permissions & PUBLISH_PERMISSIONS
    assert "ecosystem.delete_actor" not in permissions
    assert not {name for name in permissions if name.startswith("auth.")}


def test_reviewers_group_holds_the_editors_permissions_and_publishes():
    reviewers = group_permissions(REVIEWERS_GROUP)

    # Reviewers alone create tags (core/admin/tags.py, migration core 0008).
    assert reviewers == (
        group_permissions(EDITORS_GROUP)
        | PUBLISH_PERMISSIONS
        | MODERATE_PERMISSIONS
        | {"core.add_tag"}
    )
    assert "core.add_tag" not in group_permissions(EDITORS_GROUP)


def test_reviewer_user_may_publish_and_editor_may_not():
    editor, reviewer = factories.make_editor(), factories.make_reviewer()

    assert [editor.has_perm(name) for name in sorted(PUBLISH_PERMISSIONS)] == [False] * 3
    assert [reviewer.has_perm(name) for name in sorted(PUBLISH_PERMISSIONS)] == [True] * 3


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/"]
)
def test_user_admin_forbids_reviewers(reviewer_client, url):
    assert reviewer_client.get(url).status_code == 403


def test_user_admin_refuses_an_editor_who_posts_a_new_account(editor_client):
    response = editor_client.post(
        "/admin/auth/user/add/",
        {"username": "intrus", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD},
    )

    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="intrus").exists()


def admin_urls():
    """Every page of the admin: the site's own, and each registered model's."""
    urls = [
        "/admin/",
        "/admin/password_change/",
        "/admin/password_change/done/",
        "/admin/jsi18n/",
        "/admin/autocomplete/?app_label=ecosystem&model_name=actor&field_name=parent",
        "/admin/adresse-inconnue/",
    ]
    for model in admin.site._registry:
        prefix = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls += [
            f"/admin/{model._meta.app_label}/",
            prefix,
            f"{prefix}add/",
            f"{prefix}1/change/",
            f"{prefix}1/delete/",
            f"{prefix}1/history/",
            # simple-history's page of one revision, from which editors revert.
            f"{prefix}1/history/1/",
        ]
    return sorted(set(urls))


def test_admin_sends_anonymous_visitors_to_the_login_from_every_page(client):
    actor = factories.make_actor()
    content_type = ContentType.objects.get_for_model(actor)
    urls = [*admin_urls(), f"/admin/r/{content_type.pk}/{actor.pk}/"]

    for url in urls:
        response = client.get(url)
        assertRedirects(
            response,
            f"/admin/login/?next={url.replace('?', '%3F').replace('&', '%26')}",
            fetch_redirect_response=False,
        )
    assert len(urls) > 40


def test_admin_login_page_is_open_to_anonymous_visitors(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert text(page(response).title) == "Connexion | Atlas IA Santé"
    assert [
        field["name"]
        for field in page(response).select("#login-form input[name]:not([type=hidden])")
    ] == [
        "username",
        "password",
    ]


def test_create_staff_account_creates_an_editor_from_an_environment_password(monkeypatch):
    monkeypatch.setenv("ATLAS_NEW_PASSWORD", STRONG_PASSWORD)

    call_command(
        "create_staff_account", "camille", role="editor", password_from_env="ATLAS_NEW_PASSWORD"
    )

    user = get_user_model().objects.get(username="camille")
    assert (user.is_staff, user.is_superuser, user.check_password(STRONG_PASSWORD)) == (
        True,
        False,
        True,
    )
    assert [group.name for group in user.groups.all()] == [EDITORS_GROUP]


def test_create_staff_account_asks_twice_for_a_reviewer_password(monkeypatch, capsys):
    answers = iter([STRONG_PASSWORD, STRONG_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    call_command("create_staff_account", "dominique", "--role", "reviewer")

    user = get_user_model().objects.get(username="dominique")
    assert [group.name for group in user.groups.all()] == [REVIEWERS_GROUP]
    assert user.has_perm("ecosystem.publish_actor")
    assert capsys.readouterr().out == "Compte « dominique » créé (Relecteurs).\n"


def test_create_staff_account_refuses_two_different_passwords(monkeypatch):
    answers = iter([STRONG_PASSWORD, "autre-chose-encore-42"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    with pytest.raises(
        CommandError, match=re.escape("Les deux mots de passe ne correspondent pas.")
    ):
        call_command("create_staff_account", "dominique", "--role", "reviewer")
    assert not get_user_model().objects.exists()


def test_create_staff_account_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("ATLAS_NEW_PASSWORD", "12345678")

    with pytest.raises(CommandError) as error:
        call_command(
            "create_staff_account", "camille", role="editor", password_from_env="ATLAS_NEW_PASSWORD"
        )
    assert str(error.value).startswith("Mot de passe refusé : Ce mot de passe est trop court.")
    assert not get_user_model().objects.exists()


def test_create_staff_account_refuses_an_existing_username(monkeypatch):
    factories.make_editor("camille")
    monkeypatch.setenv("ATLAS_NEW_PASSWORD", STRONG_PASSWORD)

    with pytest.raises(CommandError, match=re.escape("Le compte « camille » existe déjà.")):
        call_command(
            "create_staff_account",
            "camille",
            role="reviewer",
            password_from_env="ATLAS_NEW_PASSWORD",
        )


def test_create_staff_account_refuses_an_empty_environment_variable(monkeypatch):
    monkeypatch.delenv("ATLAS_NEW_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="ATLAS_NEW_PASSWORD est vide ou absente"):
        call_command(
            "create_staff_account", "camille", role="editor", password_from_env="ATLAS_NEW_PASSWORD"
        )
