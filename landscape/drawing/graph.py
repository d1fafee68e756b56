"""Graphs of entries as SVG shapes: a star around one entry, or a ring of many."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecosystem.models import Actor
from funding.models import FundingScheme

WIDTH, HEIGHT = 800, 440
MAX_LABEL = 26
# The word for each shape's kind of entry, in the order the legend gives them: the shape alone
# would tell the kind only to those who see it (RGAA 10.9).
KIND_WORDS = {"actor": _("acteur"), "scheme": _("dispositif"), "programme": _("formation")}


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    name: str
    url: str
    shape: str
    anchor: str
    label_x: float
    label_y: float
    relation: str = ""
    # The entry's whole name, which the label may shorten.
    title: str = ""
    # Degrees to turn the label about its start, for labels that radiate from a ring.
    rotation: float | None = None

    @property
    def kind(self):
        """The word for the node's kind of entry: « acteur »."""
        return str(KIND_WORDS[self.shape])

    @property
    def square(self):
        """The top-left corner of a scheme's square."""
        return round(self.x - 9, 1), round(self.y - 9, 1)

    @property
    def diamond(self):
        """The points of a programme's diamond."""
        x, y = self.x, self.y
        return f"{x},{y - 11} {x + 11},{y} {x},{y + 11} {x - 11},{y}"


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Graph:
    view_box: str
    nodes: list
    edges: list
    hidden: int = 0

    @property
    def legend(self):
        """(shape, word) of each kind of entry the graph draws."""
        drawn = {node.shape for node in self.nodes}
        return [(shape, word) for shape, word in KIND_WORDS.items() if shape in drawn]


def shape_of(entry):
    """Actors are circles, schemes squares, programmes diamonds: shape tells the kind, not colour."""
    if isinstance(entry, Actor):
        return "actor"
    if isinstance(entry, FundingScheme):
        return "scheme"
    return "programme"


def kind_of(entry):
    """The word for `entry`'s kind, as the graphs' legends give it: « acteur »."""
    return str(KIND_WORDS[shape_of(entry)])


def kind_named(entry):
    """`entry`'s name with its kind, as a screen reader says a node: « Gleamer, acteur »."""
    return gettext("%(name)s, %(kind)s") % {"name": entry.name, "kind": kind_of(entry)}


def shortened(label):
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _node(entry, x, y, name, cx, cy, radius=12, relation=""):
    """A node at (x, y), its label on the side away from the centre (cx, cy)."""
    right = x >= cx - 1
    below = y > cy + 1
    return Node(
        x=round(x, 1),
        y=round(y, 1),
        label=shortened(entry.name),
        name=name,
        url=entry.get_absolute_url(),
        shape=shape_of(entry),
        anchor="start" if right else "end",
        label_x=round(x + (radius + 4 if right else -radius - 4), 1),
        label_y=round(y + (14 if below else -2 if abs(y - cy) > 1 else 5), 1),
        relation=relation,
        title=entry.name,
    )


def star(entry, neighbours, *, limit=16):
    """`entry` in the middle, up to `limit` of its neighbours (landscape.neighbours) around it."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    shown = neighbours[:limit]
    centre = _node(entry, cx, cy, kind_named(entry), cx, cy)
    # The entry's own name goes under it, clear of the spokes.
    centre = Node(**{**centre.__dict__, "anchor": "middle", "label_x": cx, "label_y": cy + 32})
    nodes, edges = [centre], []
    for index, neighbour in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * index / max(1, len(shown))
        x, y = cx + 185 * math.cos(angle), cy + 160 * math.sin(angle)
        name = f"{kind_named(neighbour.entry)} ({neighbour.relation})"
        nodes.append(_node(neighbour.entry, x, y, name, cx, cy, relation=neighbour.relation))
        edges.append(Edge(cx, cy, round(x, 1), round(y, 1)))
    return Graph(f"0 0 {WIDTH} {HEIGHT}", nodes, edges, hidden=len(neighbours) - len(shown))


def ring(entries, links, names):
    """`entries` on a circle, in their order, with a chord for each (i, j) of `links`.

    `names[i]` is what a screen reader says of entry i: its kind_named() and more.
    """
    size = 880
    cx = cy = size / 2
    radius = size / 2 - 215
    nodes, places = [], []
    for index, entry in enumerate(entries):
        angle = -math.pi / 2 + 2 * math.pi * index / max(1, len(entries))
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        places.append((round(x, 1), round(y, 1)))
        left = math.cos(angle) < 0
        label_x, label_y = (
            cx + (radius + 14) * math.cos(angle),
            cy + (radius + 14) * math.sin(angle),
        )
        node = _node(entry, x, y, names[index], cx, cy, radius=8)
        nodes.append(
            Node(
                **{
                    **node.__dict__,
                    "anchor": "end" if left else "start",
                    "label_x": round(label_x, 1),
                    "label_y": round(label_y + 4, 1),
                    "rotation": round(math.degrees(angle) + (180 if left else 0), 1),
                }
            )
        )
    edges = [Edge(*places[i], *places[j]) for i, j in links]
    return Graph(f"0 0 {size} {size}", nodes, edges)
