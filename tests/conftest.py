import pytest
from django.conf import settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def french_to_start_with():
    """Start each test in French, whatever language an English page of the one before left on.

    Reading a translated text switches to the French for a moment (core/public/languages.py);
    switching back may leave the page's language active in the thread, where a test's next address,
    reversed outside any request, would take it.
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
