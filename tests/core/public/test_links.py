"""Detail addresses kept per slug and language, and kind labels read from their choices."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch
from django.utils import translation

from core.models import choice_label
from ecosystem.models import ActorKind
from tests import factories

pytestmark = pytest.mark.django_db

# A URL configuration without the site's pages, for the test that switches to it.
urlpatterns = []


def test_an_address_is_kept_for_each_language():
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    with translation.override("fr"):
        assert actor.get_absolute_url() == "/acteurs/gleamer/"
    with translation.override("en"):
        assert actor.get_absolute_url() == "/en/actors/gleamer/"
    with translation.override("fr"):
        assert actor.get_absolute_url() == "/acteurs/gleamer/"


def test_a_renamed_slug_gets_its_new_address():
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    actor.get_absolute_url()
    actor.slug = "gleamer-sas"
    with translation.override("fr"):
        assert actor.get_absolute_url() == "/acteurs/gleamer-sas/"


def test_another_url_configuration_is_not_served_a_kept_address():
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    actor.get_absolute_url()
    with override_settings(ROOT_URLCONF=__name__), pytest.raises(NoReverseMatch):
        actor.get_absolute_url()


def test_a_kind_label_is_its_choice_label_in_the_active_language():
    with translation.override("fr"):
        assert choice_label(ActorKind, "hospital") == "Établissement de santé"
    with translation.override("en"):
        assert choice_label(ActorKind, "hospital") == "Healthcare provider"


def test_an_unknown_kind_is_shown_as_stored():
    assert choice_label(ActorKind, "zeppelin") == "zeppelin"
