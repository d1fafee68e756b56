import pytest
from django.conf import settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def french_to_start_with():
    """Start each test in French, whatever language the previous one's requests left active.

    `Actor(name=…)` writes the active language's column (django-modeltranslation): data built
    after an English page of another test would otherwise be English only.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def editor(db):
    return factories.make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(db):
    return factories.make_reviewer()


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
