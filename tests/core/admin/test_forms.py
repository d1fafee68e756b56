"""Web addresses in the back-office: typed without a scheme, they are read as https."""

import warnings

import pytest
from django.contrib import admin
from django.utils.deprecation import RemovedInDjango60Warning
from pytest_django.asserts import assertRedirects

from core.publishing.status import PublicationStatus
from ecosystem.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db

SOURCES = "core-source-content_type-object_id"


@pytest.mark.parametrize(
    "model_admin",
    admin.site._registry.values(),
    ids=lambda model_admin: model_admin.model._meta.label,
)
def test_admin_forms_and_inlines_choose_the_scheme_of_addresses(model_admin, rf, admin_user):
    request = rf.get("/")
    request.user = admin_user

    # Django 5 warns when a form leaves the scheme of a URLField to its changing default.
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            inline.get_formset(request)


def test_admin_saves_an_address_typed_without_scheme_as_https(editor_client):
    # A draft: an editor's change to a published entry waits for review (test_working_copies).
    actor = factories.make_actor(name="Gleamer", status=PublicationStatus.DRAFT)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"
    page = editor_client.get(url)

    response = editor_client.post(
        url,
        factories.posted_form(
            page,
            "actor_form",
            website="example.org",
            **{
                f"{SOURCES}-0-title": "Dossier de presse",
                f"{SOURCES}-0-url": "example.org/presse",
            },
        ),
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    actor = Actor.objects.get(pk=actor.pk)
    assert (actor.website, [source.url for source in actor.sources.all()]) == (
        "https://example.org",
        ["https://example.org/presse"],
    )
