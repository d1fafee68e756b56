"""The timeline: for each year, one thin bar per kind of dated event, told apart by pattern."""

from dataclasses import dataclass

from landscape.drawing.bars import LONGEST_BAR

LABEL_HEIGHT = 16
BAR_HEIGHT = 11
BAR_GAP = 3
ROW_GAP = 12
# The most recent years shown: a few medieval universities would stretch it over centuries.
YEARS = 30


@dataclass(frozen=True)
class Series:
    """A kind of dated event: its name, the pattern that marks it, how each year's figure reads
    and where it leads (`describe(year, figure)` and `url_for(year)`)."""

    key: str
    name: str
    describe: object
    url_for: object


@dataclass(frozen=True)
class EventBar:
    series: Series
    figure: int
    text: str
    name: str
    url: str
    top: int
    width: float
    text_y: int


@dataclass(frozen=True)
class YearRow:
    year: int
    label_y: int
    top: int
    height: int
    bars: list


@dataclass(frozen=True)
class Timeline:
    series: list
    rows: list
    height: int
    first_year: int | None


def timeline(series_figures):
    """Rows for the most recent YEARS years with an event; `series_figures` pairs each Series
    with its {year: figure}. Years with nothing happening are left out."""
    years = sorted({year for _series, figures in series_figures for year in figures})[-YEARS:]
    highest = max((f for _s, figures in series_figures for f in figures.values()), default=0) or 1
    row_height = LABEL_HEIGHT + len(series_figures) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    rows = []
    for index, year in enumerate(reversed(years)):
        top = index * row_height
        bars = []
        for position, (series, figures) in enumerate(series_figures):
            figure = figures.get(year, 0)
            if not figure:
                continue
            bar_top = top + LABEL_HEIGHT + position * (BAR_HEIGHT + BAR_GAP)
            bars.append(
                EventBar(
                    series=series,
                    figure=figure,
                    text=str(figure),
                    name=series.describe(year, figure),
                    url=series.url_for(year),
                    top=bar_top,
                    width=round(max(0.5, LONGEST_BAR * figure / highest), 2),
                    text_y=bar_top + BAR_HEIGHT - 1,
                )
            )
        rows.append(YearRow(year=year, label_y=top + 12, top=top, height=row_height, bars=bars))
    return Timeline(
        series=[series for series, _figures in series_figures],
        rows=rows,
        height=max(1, len(rows)) * row_height,
        first_year=years[0] if years else None,
    )
