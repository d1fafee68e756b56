"""Read the SVG drawings and tables of a landscape page as a visitor's browser would."""

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html, class_name="chart"):
    """The page's <svg> drawings of `class_name`, parsed as XML (which fails on malformed SVG)."""
    pattern = rf'<svg\b[^>]*class="[^"]*\b{class_name}\b.*?</svg>'
    return [ET.fromstring(match) for match in re.findall(pattern, html, re.S)]


def marks(svg):
    """{accessible name: address} of every link in `svg`."""
    return {link.get("aria-label"): link.get("href") for link in svg.iter(f"{SVG}a")}


def drawn_text(svg):
    return [text.text for text in svg.iter(f"{SVG}text")]
