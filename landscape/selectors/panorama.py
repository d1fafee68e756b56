"""The atlas in figures: the aggregates the panorama draws, over published entries only.

With a tag, every figure counts only the entries that carry it; funding counts the awards
made to actors that carry it. One query for each figure, all kept until the content changes.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Count, IntegerField, Sum, When

from core.caching import dependencies as deps
from core.caching.remembered import remembered
from core.models import TaggedEntry
from core.public.languages import BothLanguages
from core.public.selectors import carrying_tag, related_tags, tags_with_counts
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from landscape.selectors.keys import whole_atlas
from trainings.models import TrainingProgramme

TOP = 10
# Duration bands, in hours: (lowest, highest or None), as the programme list filters them.
DURATION_BANDS = [(1, 29), (30, 99), (100, 299), (300, 999), (1000, None)]


def panorama_figures(*, tag=None):
    """{figure name: rows} for the whole atlas or for the entries carrying `tag`."""
    return remembered(
        f"panorama:{tag.pk if tag else ''}", lambda: _figures(tag), depends_on=whole_atlas()
    )


def _scoped(model, tag):
    entries = model.objects.published()
    return carrying_tag(entries, tag) if tag else entries


def _figures(tag):
    actors = _scoped(Actor, tag)
    awards = Award.objects.published().filter(actor__in=actors.values("pk"))
    by_scheme = list(
        awards.values_list("scheme_id", "scheme__name", "scheme__name_en", "scheme__slug")
        .annotate(amount=Sum("amount_eur", default=0), awards=Count("pk"))
        .order_by("-amount", "-awards", "scheme__name")[:TOP]
    )
    # The schemes named: renaming one changes the figure, which counts alone would not see.
    deps.depend_on(*(deps.entry_key(FundingScheme, row[0]) for row in by_scheme))
    return {
        "funding_by_scheme": [
            (BothLanguages(french, english), slug, amount, count)
            for _pk, french, english, slug, amount, count in by_scheme
        ],
        "funding_by_year": list(
            awards.filter(year__isnull=False)
            .values_list("year")
            .annotate(amount=Sum("amount_eur", default=0), awards=Count("pk"))
            .order_by("year")
        ),
        "actors": list(
            actors.values_list("kind", "founding_year").annotate(actors=Count("pk")).order_by()
        ),
        "programmes": list(
            _scoped(TrainingProgramme, tag)
            .annotate(band=_duration_band())
            .values_list("diploma_type", "teaching_format", "band")
            .annotate(programmes=Count("pk"))
            .order_by()
        ),
        "schemes_announced": list(
            _scoped(FundingScheme, tag)
            .filter(announced_year__isnull=False)
            .values_list("announced_year")
            .annotate(schemes=Count("pk"))
            .order_by("announced_year")
        ),
        "themes": _top_themes(tag),
        "theme_pairs": _theme_pairs(actors),
    }


def _duration_band():
    """The index of a programme's band in DURATION_BANDS, or None without a duration."""
    whens = [
        When(duration_hours__gte=low, **({"duration_hours__lte": high} if high else {}), then=index)
        for index, (low, high) in enumerate(DURATION_BANDS)
    ]
    return Case(*whens, default=None, output_field=IntegerField())


def _name(theme):
    """A tag's name in both languages: the figures are kept for both sites."""
    return BothLanguages(theme.name_fr, theme.name_en)


def _top_themes(tag):
    """(name, slug, published entries) of the most carried themes; with `tag`, of those
    carried together with it, each with the number of entries carrying both."""
    if tag:
        return [
            (_name(theme), theme.slug, theme.shared) for theme in related_tags(tag=tag, limit=TOP)
        ]
    ranked = sorted(tags_with_counts(), key=lambda theme: (-theme.entry_count, theme.name_fr))
    return [(_name(theme), theme.slug, theme.entry_count) for theme in ranked[:TOP]]


def _theme_pairs(actors):
    """(name, slug, name, slug, actors) of the pairs of themes most often carried together,
    each name in both languages.

    A self-join of the taggings that the ORM cannot say: raw SQL, with the actors as a subquery.
    """
    actors_sql, params = actors.values("pk").query.sql_with_params()
    tagging = TaggedEntry._meta.db_table
    tag_table = TaggedEntry._meta.get_field("tag").related_model._meta.db_table
    sql = f"""
        SELECT t1.name, t1.name_en, t1.slug, t2.name, t2.name_en, t2.slug, COUNT(*) AS together
        FROM {tagging} a
        JOIN {tagging} b ON b.content_type_id = a.content_type_id
            AND b.object_id = a.object_id AND b.tag_id > a.tag_id
        JOIN {tag_table} t1 ON t1.id = a.tag_id
        JOIN {tag_table} t2 ON t2.id = b.tag_id
        WHERE a.content_type_id = %s AND a.object_id IN ({actors_sql})
        GROUP BY t1.name, t1.name_en, t1.slug, t2.name, t2.name_en, t2.slug
        ORDER BY together DESC, t1.name, t2.name
        LIMIT {TOP}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [ContentType.objects.get_for_model(Actor).pk, *params])
        return [
            (BothLanguages(name, name_en), slug, BothLanguages(other, other_en), other_slug, count)
            for name, name_en, slug, other, other_en, other_slug, count in cursor.fetchall()
        ]
