"""Rebuild regions.json from the npm package @svg-maps/france.regions (run by hand, once).

    cd /tmp && npm pack @svg-maps/france.regions && tar xzf svg-maps-france.regions-*.tgz
    python landscape/geometry/build.py /tmp/package/index.js > landscape/geometry/regions.json

Each path is made absolute, rounded to a tenth of a unit and thinned: points closer than
`MIN_STEP` to the last kept one add bytes to every page, not detail a reader can see.
"""

import json
import math
import re
import sys
from pathlib import Path

MIN_STEP = 1.2
TOKENS = re.compile(r"[MLHVZmlhvz]|-?\d*\.?\d+(?:e-?\d+)?")


def rings(path):
    """The closed rings of an SVG path made of M, L, H, V, Z commands, as absolute points."""
    found, ring, x, y, command = [], [], 0.0, 0.0, "M"
    tokens = TOKENS.findall(path)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.isalpha():
            command = token
            position += 1
            if command in "Zz":
                found.append(ring)
                ring = []
            continue
        relative = command.islower()
        upper = command.upper()
        if upper in "ML":
            dx, dy = float(tokens[position]), float(tokens[position + 1])
            position += 2
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if upper == "M" and ring:
                found.append(ring)
                ring = []
            command = "l" if relative else "L"
        elif upper == "H":
            value = float(tokens[position])
            position += 1
            x = x + value if relative else value
        elif upper == "V":
            value = float(tokens[position])
            position += 1
            y = y + value if relative else value
        ring.append((x, y))
    if ring:
        found.append(ring)
    return found


def thinned(ring):
    kept = [ring[0]]
    for point in ring[1:]:
        if math.dist(point, kept[-1]) >= MIN_STEP:
            kept.append(point)
    return kept


def centre(ring):
    """The centroid of a ring (shoelace formula), where the region's count is written."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return round(cx / (3 * area), 1), round(cy / (3 * area), 1)


def area(ring):
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    )


def main(source):
    text = Path(source).read_text(encoding="utf-8")
    data = json.loads(text[text.index("{") :].rstrip().rstrip(";"))
    regions = {}
    for location in data["locations"]:
        parts = [thinned(ring) for ring in rings(location["path"])]
        parts = [ring for ring in parts if len(ring) >= 3]
        path = " ".join("M" + " ".join(f"{x:.1f} {y:.1f}" for x, y in ring) + "Z" for ring in parts)
        regions[location["id"].upper()] = {
            "name": location["name"],
            "path": path.replace(".0 ", " ").replace(".0Z", "Z"),
            "centre": centre(max(parts, key=area)),
        }
    json.dump(
        {"viewBox": data["viewBox"], "regions": regions}, sys.stdout, ensure_ascii=False, indent=1
    )


if __name__ == "__main__":
    main(sys.argv[1])
