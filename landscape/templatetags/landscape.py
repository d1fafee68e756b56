"""The neighbourhood graph that entry pages include (templates/landscape/includes/)."""

from django import template

from landscape.drawing.graph import star
from landscape.neighbours import neighbours

register = template.Library()


@register.inclusion_tag("landscape/includes/graph.html")
def neighbourhood(entry):
    """A star of `entry`'s published neighbours, or nothing when it has none."""
    around = neighbours(entry)
    return {"graph": star(entry, around) if around else None, "entry": entry}
