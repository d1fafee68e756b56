"""The synthetic atlas's tags: the vocabulary's, reusing those the atlas already has."""

from django.utils.text import slugify

from core.models import Tag
from core.synthetic.vocabulary import TAGS

DESCRIPTIONS = [
    "Les acteurs, financements et formations de l'IA en santé qui traitent de « {name} ».",
    "Tout ce que l'atlas recense sur « {name} » : projets, équipes, dispositifs et formations.",
    "",
]


def vocabulary_tags() -> list[Tag]:
    """Every tag of the vocabulary, in its order; those missing are created in one query."""
    existing = list(Tag.objects.all())
    by_name = {tag.name.casefold(): tag for tag in existing}
    by_slug = {tag.slug: tag for tag in existing}
    tags, missing = [], []
    for group, names in TAGS.items():
        for number, name in enumerate(names):
            slug = slugify(name)
            tag = by_name.get(name.casefold()) or by_slug.get(slug)
            if tag is None:
                description = DESCRIPTIONS[number % len(DESCRIPTIONS)].format(name=name)
                tag = Tag(name=name, slug=slug, group=group, description=description)
                by_name[name.casefold()], by_slug[slug] = tag, tag
                missing.append(tag)
            tags.append(tag)
    # bulk_create skips Tag.save(), which indexes the tag: the generator rebuilds the index.
    Tag.objects.bulk_create(missing)
    return list(dict.fromkeys(tags))
