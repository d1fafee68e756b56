"""Small builders for the data each test needs; every argument has a sensible default."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

from core.models import KeyFigure, PublicationStatus, Source, Tag
from core.publishing.permissions import EDITORS_GROUP, REVIEWERS_GROUP
from ecosystem.models import Actor, ActorKind
from funding.models import Award, FundingScheme, SchemeKind
from trainings.models import DiplomaType, TrainingProgramme

_numbers = itertools.count(1)


def _unique(prefix):
    return f"{prefix}-{next(_numbers)}"


def _entry_fields(prefix, fields):
    """Defaults for an entry; the slug follows the name when a name is given."""
    name = fields.get("name")
    slug = fields.pop("slug", None) or (slugify(name) if name else _unique(prefix))
    return {
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "summary": f"Résumé de {slug}.",
        "status": PublicationStatus.PUBLISHED,
        **fields,
    }


def _with_tags(entry, tags):
    if tags:
        entry.tags.add(*tags)
    return entry


def make_tag(name=None, **fields):
    return Tag.objects.create(name=name or _unique("Thème"), **fields)


def make_actor(*, tags=(), **fields):
    fields.setdefault("kind", ActorKind.COMPANY)
    return _with_tags(Actor.objects.create(**_entry_fields("acteur", fields)), tags)


def make_scheme(*, tags=(), operators=(), **fields):
    fields.setdefault("kind", SchemeKind.PROGRAMME)
    scheme = FundingScheme.objects.create(**_entry_fields("dispositif", fields))
    scheme.operators.add(*operators)
    return _with_tags(scheme, tags)


def make_award(*, scheme=None, actor=None, **fields):
    return Award.objects.create(
        scheme=scheme or make_scheme(), actor=actor or make_actor(), **fields
    )


def make_programme(*, tags=(), providers=(), **fields):
    fields.setdefault("diploma_type", DiplomaType.DU)
    programme = TrainingProgramme.objects.create(**_entry_fields("formation", fields))
    programme.providers.add(*providers)
    return _with_tags(programme, tags)


def make_source(entry, **fields):
    fields.setdefault("title", "Article source")
    fields.setdefault("url", f"https://example.org/{_unique('source')}")
    return Source.objects.create(entry=entry, **fields)


def make_key_figure(entry, **fields):
    fields.setdefault("label", "Chiffre")
    fields.setdefault("value", "42")
    return KeyFigure.objects.create(entry=entry, **fields)


def make_editor(username=None, password="mot-de-passe-de-test", group=EDITORS_GROUP):
    user = get_user_model().objects.create_user(
        username=username or _unique("editeur"), password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def make_reviewer(username=None, password="mot-de-passe-de-test"):
    return make_editor(username or _unique("relecteur"), password, group=REVIEWERS_GROUP)


def make_png_upload(name="image.png"):
    """A tiny valid PNG, as the admin's file field receives an upload."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def formset_management_data(prefix, *, total=0, initial=0):
    """The management form an admin inline formset expects in a POST."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def posted_form(response, form_id, **changes):
    """What a browser posts from the form `form_id` of `response`, with `changes` typed in.

    Every field the page holds is sent as it is, hidden ones included: a POST built this way
    is the one an editor's browser makes.
    """
    from tests.servers import form_fields

    data = {}
    for name, value in form_fields(response.content.decode(), form_id):
        data.setdefault(name, []).append(value)
    data.update(changes)
    return data
