"""The image an entry shows when it has none: its initials on a colour drawn from its name.

The same name always gets the same colour; the colour is dark enough for white initials to
reach a contrast of 4.5:1 (WCAG AA for text), whatever its hue.
"""

import colorsys
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_CONTRAST = 4.5
SATURATION = 0.55
START_LIGHTNESS = 0.45
LIGHTNESS_STEP = 0.02
FOREGROUND = "#ffffff"
# Words that do not make initials: « Hôpital de la Pitié » is « HP », not « HD ».
SMALL_WORDS = {"à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour"}


@dataclass(frozen=True)
class DefaultImage:
    initials: str
    background: str
    foreground: str = FOREGROUND


def default_image(name: str) -> DefaultImage:
    return DefaultImage(initials=initials(name), background=background_colour(name))


def initials(name: str) -> str:
    """The first letters of the first two significant words, in capitals."""
    words = re.findall(r"\w+", name)
    significant = [word for word in words if word.lower() not in SMALL_WORDS] or words
    return "".join(word[0] for word in significant[:2]).upper() or "?"


def background_colour(name: str) -> str:
    """A colour of its own for `name`, as #rrggbb, under white text at 4.5:1 or more."""
    digest = hashlib.sha256(name.strip().lower().encode()).digest()
    return _colour_of_hue(int.from_bytes(digest[:2]) % 360)


# 360 hues, each worked out once: a page shows dozens of cards.
@functools.lru_cache(maxsize=360)
def _colour_of_hue(degrees: int) -> str:
    hue = degrees / 360
    lightness = START_LIGHTNESS
    while True:
        colour = _hex(colorsys.hls_to_rgb(hue, lightness, SATURATION))
        if contrast_ratio(colour, FOREGROUND) >= MIN_CONTRAST:
            return colour
        lightness -= LIGHTNESS_STEP


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio between two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = (int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)
