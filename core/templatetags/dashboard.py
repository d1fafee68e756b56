"""The back-office home page's dashboard (templates/admin/index.html)."""

from django import template
from django.template import Context

from core.admin import dashboard

register = template.Library()


@register.inclusion_tag("admin/dashboard.html", takes_context=True)
def atlas_dashboard(context: Context) -> dict[str, object]:
    user = context["request"].user
    return {
        "kinds": dashboard.kind_summaries(user),
        "changes": dashboard.recent_changes(user),
        "awaiting": dashboard.awaiting_review(user),
        "proposals": dashboard.pending_changes(user),
        "reviewer": dashboard.is_reviewer(user),
        "drafts": dashboard.own_drafts(user),
        "stale_months": dashboard.STALE_MONTHS,
    }
