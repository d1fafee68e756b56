import pytest

from tests import factories


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
