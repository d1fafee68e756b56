"""A map of France whose regions are shaded, labelled and linked by their figures."""

from dataclasses import dataclass

from ecosystem.models import Region
from landscape.drawing.france import VIEW_BOX, Outline, outlines
from landscape.drawing.shades import shade_of, steps


@dataclass(frozen=True)
class RegionMark:
    outline: Outline
    name: str
    figure: float
    text: str
    accessible_name: str
    shade: int
    url: str


@dataclass(frozen=True)
class LegendEntry:
    shade: int
    text: str


@dataclass(frozen=True)
class Choropleth:
    view_box: str
    regions: list
    legend: list
    total: float
    total_text: str

    @property
    def leader(self):
        """The region with the highest figure, or None when every region has 0."""
        leader = max(self.regions, key=lambda region: region.figure)
        return leader if leader.figure else None


def choropleth(figures, *, measure, url_for):
    """Every region with its figure from `figures` (0 when absent), shade, label and link.

    `measure` writes the figures (landscape.measures); `url_for(code)` gives a region's link.
    """
    legend = steps(max(figures.values(), default=0))
    labels = dict(Region.choices)
    regions = []
    for outline in outlines():
        figure = figures.get(outline.code, 0)
        name = labels[outline.code]
        regions.append(
            RegionMark(
                outline=outline,
                name=name,
                figure=figure,
                text=measure.text(figure),
                accessible_name=measure.name(name, figure),
                shade=shade_of(figure, legend),
                url=url_for(outline.code),
            )
        )
    return Choropleth(
        view_box=VIEW_BOX,
        regions=regions,
        legend=[LegendEntry(step.shade, _range(measure, step)) for step in legend],
        total=sum(figures.values()),
        total_text=measure.text(sum(figures.values())),
    )


def _range(measure, step):
    if step.low == step.high:
        return measure.text(step.low)
    return f"{measure.text(step.low)} – {measure.text(step.high)}"
