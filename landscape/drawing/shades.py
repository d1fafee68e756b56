"""Sort figures into the few shades a choropleth or a legend shows."""

import math
from dataclasses import dataclass

# Shade 0 is kept for zero: a region with nothing is drawn apart from one with a little.
SHADES = 4


@dataclass(frozen=True)
class Step:
    """One shade of a legend: the figures from `low` to `high` it stands for."""

    shade: int
    low: float
    high: float


def steps(highest):
    """The legend for figures from 0 to `highest`: zero, then up to SHADES equal steps.

    Steps start on whole numbers, so that « 1–3 », « 4–6 » read without gaps.
    """
    found = [Step(0, 0, 0)]
    if highest <= 0:
        return found
    width = math.ceil(highest / SHADES)
    low = 1 if highest >= 1 else highest
    for shade in range(1, SHADES + 1):
        high = min(highest, shade * width)
        if high < low:
            break
        found.append(Step(shade, low, high))
        low = high + 1
    return found


def shade_of(figure, legend):
    """The shade in `legend` (from steps()) of `figure`."""
    for step in legend:
        if figure <= step.high:
            return step.shade
    return legend[-1].shade
