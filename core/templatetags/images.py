"""Entry images in pages: responsive WebP renditions, or initials on a colour when there is none.

Written here rather than in an included template: every card shows one, and the included
template cost a fifth of a list page's cards.
"""

from django import template
from django.utils.html import format_html

from core.images.placeholders import default_image
from core.images.renditions import entry_renditions
from core.models import Entry

register = template.Library()


@register.simple_tag
def entry_image(
    entry: Entry,
    *,
    sizes: str = "100vw",
    loading: str = "lazy",
    class_name: str = "",
    placeholder: bool = True,
) -> str:
    """The entry's image in a box of class `class_name`; its initials if it has none.

    `sizes` tells the browser how wide the image is shown, so that it picks the right rendition;
    without `placeholder`, an entry without image shows nothing.
    """
    renditions = entry_renditions(entry.image.name) if entry.image else []
    if renditions:
        largest = renditions[-1]
        return format_html(
            '<div class="entry-image {}"><img src="{}" srcset="{}" sizes="{}" width="{}"'
            ' height="{}" alt="{}" loading="{}" decoding="async"></div>',
            class_name,
            largest.url,
            ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions),
            sizes,
            largest.width,
            largest.height,
            entry.image_alt,
            loading,
        )
    if not placeholder:
        return ""
    default = default_image(entry.name)
    return format_html(
        '<div class="entry-image entry-image--default {}"><svg viewBox="0 0 320 70" width="320"'
        ' height="70" aria-hidden="true" focusable="false"><rect width="320" height="70"'
        ' fill="{}"/><text x="160" y="35" dy="0.35em" text-anchor="middle" fill="{}"'
        ' font-family="system-ui, sans-serif" font-size="34" font-weight="700"'
        ' letter-spacing="2">{}</text></svg></div>',
        class_name,
        default.background,
        default.foreground,
        default.initials,
    )
