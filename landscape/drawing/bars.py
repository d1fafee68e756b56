"""Horizontal bar charts laid out for SVG: a label above each bar, its figure after it.

Widths are percentages of the drawing's width and the rest pixels, so that the text keeps its
size from a phone to a desktop while the bars stretch.
"""

from dataclasses import dataclass, field

ROW_HEIGHT = 46
BAR_HEIGHT = 16
# The longest bar leaves room for its figure after it.
LONGEST_BAR = 72
MAX_LABEL = 44


@dataclass(frozen=True)
class Bar:
    """One mark: what it stands for, its figure, its link, and what a screen reader says."""

    label: str
    figure: float
    text: str
    url: str
    name: str
    # What the table adds beside the figure (« 3 financements »).
    detail: str = ""


@dataclass(frozen=True)
class BarMark:
    bar: Bar
    label: str
    top: int
    bar_top: int
    width: float
    text_y: int
    row_top: int
    row_height: int = ROW_HEIGHT


@dataclass(frozen=True)
class Chart:
    """A titled bar chart, its one-sentence summary, and the headings of its table."""

    key: str
    title: str
    summary: str
    bars: list
    headings: tuple
    marks: list = field(default_factory=list)

    @property
    def height(self):
        return max(1, len(self.bars)) * ROW_HEIGHT

    @property
    def has_detail(self):
        return any(bar.detail for bar in self.bars)


def laid_out(chart):
    """`chart` with a mark for each bar, as long as its figure relative to the highest."""
    highest = max((bar.figure for bar in chart.bars), default=0) or 1
    marks = [
        BarMark(
            bar=bar,
            label=_shortened(bar.label),
            top=index * ROW_HEIGHT + 14,
            bar_top=index * ROW_HEIGHT + 22,
            width=round(max(0.5, LONGEST_BAR * float(bar.figure) / float(highest)), 2),
            text_y=index * ROW_HEIGHT + 22 + BAR_HEIGHT - 3,
            row_top=index * ROW_HEIGHT,
        )
        for index, bar in enumerate(chart.bars)
    ]
    return Chart(
        key=chart.key,
        title=chart.title,
        summary=chart.summary,
        bars=chart.bars,
        headings=chart.headings,
        marks=marks,
    )


def _shortened(label):
    """A label that fits a phone's width; the table and the mark's name give it whole."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
