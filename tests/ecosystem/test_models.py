import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests import factories

pytestmark = pytest.mark.django_db


def test_actor_founding_year_must_be_plausible():
    with pytest.raises(IntegrityError):
        factories.make_actor(founding_year=3024)


def test_actor_founding_year_may_be_unknown():
    assert factories.make_actor(founding_year=None).founding_year is None


def test_actor_cannot_be_its_own_parent():
    actor = factories.make_actor()
    actor.parent = actor

    with pytest.raises(IntegrityError):
        actor.save()


def test_actor_deleting_parent_keeps_children():
    parent = factories.make_actor()
    child = factories.make_actor(parent=parent)

    parent.delete()
    child.refresh_from_db()

    assert child.parent is None


def test_actor_members_are_not_symmetrical():
    consortium = factories.make_actor(kind="consortium")
    member = factories.make_actor()
    consortium.members.add(member)

    assert list(member.memberships.all()) == [consortium]
    assert list(member.members.all()) == []


def test_actor_url_is_under_acteurs():
    assert factories.make_actor(slug="gleamer").get_absolute_url() == "/acteurs/gleamer/"


def test_actor_own_parent_message_is_french():
    actor = factories.make_actor()
    actor.parent = actor

    with pytest.raises(ValidationError) as error:
        actor.full_clean()

    assert error.value.messages == ["Un acteur ne peut pas être sa propre organisation mère."]
