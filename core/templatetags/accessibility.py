"""The accessibility status every footer shows (core.public.accessibility)."""

from django import template

from core.public.accessibility import LATEST_AUDIT, Audit

register = template.Library()


@register.simple_tag
def rgaa_audit() -> Audit:
    return LATEST_AUDIT
