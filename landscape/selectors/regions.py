"""What the map shows: one figure for each region, over the actors a list's filters keep."""

from django.db.models import Count, Sum

from core.caching.remembered import remembered
from ecosystem.models import Actor
from funding.models import Award
from landscape.selectors.keys import whole_atlas
from trainings.models import TrainingProgramme

ACTORS = "actors"
PROGRAMMES = "programmes"
FUNDING = "funding"
MEASURES = (ACTORS, PROGRAMMES, FUNDING)


def region_figures(*, filterset, measure):
    """{region code: figure} for the actors `filterset` keeps; regions without any are left out.

    `filterset` must be valid and filter published actors. Programmes are counted once in each
    region where one of their providers is; funding is the published awards' amounts.
    """
    key = f"map:{measure}:{filterset.filters_key()}"
    return remembered(
        key,
        lambda: _region_figures(filterset.qs.order_by(), measure),
        depends_on=whole_atlas(),
    )


def _region_figures(actors, measure):
    if measure == PROGRAMMES:
        rows = (
            TrainingProgramme.objects.published()
            .filter(providers__in=actors.values("pk"))
            .values_list("providers__region")
            .annotate(figure=Count("pk", distinct=True))
        )
    elif measure == FUNDING:
        rows = (
            Award.objects.published()
            .filter(actor__in=actors.values("pk"), amount_eur__isnull=False)
            .values_list("actor__region")
            .annotate(figure=Sum("amount_eur"))
        )
    else:
        rows = (
            Actor.objects.filter(pk__in=actors.values("pk"))
            .values_list("region")
            .annotate(figure=Count("pk"))
        )
    return {region: figure for region, figure in rows.order_by() if region}
