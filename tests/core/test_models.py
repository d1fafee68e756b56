from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from core.models import PublicationStatus, Tag
from core.templatetags.atlas import euros
from ecosystem.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db


def test_tag_slug_is_ascii():
    tag = Tag.objects.create(name="Médecine prédictive")

    assert tag.slug == "medecine-predictive"
    assert tag.get_absolute_url() == "/tags/medecine-predictive/"


def test_entry_published_excludes_drafts():
    published = factories.make_actor()
    factories.make_actor(status=PublicationStatus.DRAFT)

    assert list(Actor.objects.published()) == [published]


def test_entry_slug_is_unique():
    factories.make_actor(slug="doctolib")

    with pytest.raises(IntegrityError):
        factories.make_actor(slug="doctolib")


def test_entry_image_without_alt_is_refused_by_the_database():
    image = SimpleUploadedFile("photo.png", b"not checked by the database")

    with pytest.raises(IntegrityError):
        factories.make_actor(image=image, image_alt="")


def test_entry_image_without_alt_is_refused_by_validation():
    actor = factories.make_actor()
    actor.image = "entries/2026/photo.png"

    with pytest.raises(ValidationError) as error:
        actor.clean()

    assert list(error.value.message_dict) == ["image_alt"]


def test_source_title_is_unique_per_entry():
    actor = factories.make_actor()
    factories.make_source(actor, title="Article")
    factories.make_source(factories.make_actor(), title="Article")

    with pytest.raises(IntegrityError):
        factories.make_source(actor, title="Article")


def test_source_may_have_no_address():
    source = factories.make_source(factories.make_actor(), url="")

    source.full_clean()
    assert source.url == ""


def test_key_figure_reads_as_label_and_value():
    figure = factories.make_key_figure(factories.make_actor(), label="Valorisation", value="1 Md€")

    assert str(figure) == "Valorisation : 1 Md€"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("4500000"), "4,5\u00a0M€"),
        (Decimal("30000000000"), "30\u00a0Md€"),
        (Decimal("1200000000"), "1,2\u00a0Md€"),
        (Decimal("850000"), "850\u00a0000\u00a0€"),
        (Decimal("0"), "0\u00a0€"),
        (None, ""),
    ],
)
def test_euros_formats_amounts_the_french_way(amount, expected):
    assert euros(amount) == expected
