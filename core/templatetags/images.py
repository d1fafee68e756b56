"""Entry images in pages: responsive WebP renditions, or initials on a colour when there is none."""

from django import template

from core.images.placeholders import default_image
from core.images.renditions import entry_renditions
from core.models import Entry

register = template.Library()


@register.inclusion_tag("includes/entry_image.html")
def entry_image(
    entry: Entry,
    *,
    sizes: str = "100vw",
    loading: str = "lazy",
    class_name: str = "",
    placeholder: bool = True,
) -> dict[str, object]:
    """The entry's image in a box of class `class_name`; its initials if it has none.

    `sizes` tells the browser how wide the image is shown, so that it picks the right rendition;
    without `placeholder`, an entry without image shows nothing.
    """
    renditions = entry_renditions(entry.image.name) if entry.image else []
    context: dict[str, object] = {"class_name": class_name}
    if renditions:
        largest = renditions[-1]
        return {
            **context,
            "alt": entry.image_alt,
            "src": largest.url,
            "srcset": ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions),
            "sizes": sizes,
            "width": largest.width,
            "height": largest.height,
            "loading": loading,
        }
    if placeholder:
        return {**context, "default": default_image(entry.name)}
    return context
