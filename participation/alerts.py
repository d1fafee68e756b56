"""What an alert follows, which entries match it over a period, and its signed links.

An alert follows a list with its filters, search and sort (its query string, read by the list's
own FilterSet), a tag, or one entry. It matches the entries the public sees now that were
published or changed during the period: never a draft, never an entry since withdrawn.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Q
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.public.selectors import carrying_tag
from core.registry import content_models
from participation.models import Subscription, Target

CONFIRM_SALT = "participation.alert-confirm"
UNSUBSCRIBE_SALT = "participation.alert-unsubscribe"
MANAGE_SALT = "participation.alert-manage"
# What a list's address may carry that is not a filter.
NOT_FILTERS = ("page",)
DAY = 24 * 60 * 60


# --- Targets ------------------------------------------------------------------------------


def filterset_class(model):
    """The FilterSet the public list of `model` filters with, read from its view."""
    return resolve(reverse(model.list_url_name)).func.view_class.filterset_class


def list_filters(model, data):
    """`data` (a QueryDict) as the list of `model` would apply it, or None if it is invalid."""
    data = data.copy()
    for name in NOT_FILTERS:
        data.pop(name, None)
    filterset = filterset_class(model)(data=data, queryset=model.objects.none())
    if not filterset.is_valid():
        return None
    kept = QueryDict(mutable=True)
    for name in sorted(data):
        values = [value for value in data.getlist(name) if value]
        if name in filterset.filters and values:
            kept.setlist(name, sorted(values))
    return kept.urlencode()


def subscription_for(*, target, model=None, entry=None, tag=None, query=""):
    """An unsaved subscription to `target`, without its address yet."""
    return Subscription(
        target=target,
        content_type=ContentType.objects.get_for_model(model) if model else None,
        object_id=entry.pk if entry else None,
        tag=tag,
        query=query,
    )


def followed(subscription):
    """(what is followed, in words; the address of its page), in the active language."""
    if subscription.target == Target.TAG:
        tag = subscription.tag
        return _("le thème « %(name)s »") % {"name": tag.name}, tag.get_absolute_url()
    model = subscription.content_type.model_class()
    if subscription.target == Target.ENTRY:
        entry = model._default_manager.filter(pk=subscription.object_id).first()
        name = entry.name if entry else _("fiche retirée")
        return _("la fiche « %(name)s »") % {
            "name": name
        }, entry.get_absolute_url() if entry else ""
    url = reverse(model.list_url_name)
    if subscription.query:
        url = f"{url}?{subscription.query}"
        words = _("la liste « %(list)s » avec vos filtres (%(filters)s)")
        return words % {"list": model.section_title, "filters": _filters_text(subscription)}, url
    return _("la liste « %(list)s »") % {"list": model.section_title}, url


def _filters_text(subscription):
    """The filters as the list's chips name them: « Région : Île-de-France, Mots-clés : ia »."""
    model = subscription.content_type.model_class()
    data = QueryDict(subscription.query)
    filterset = filterset_class(model)(data=data, queryset=model.objects.none())
    return ", ".join(
        _("%(label)s : %(text)s") % {"label": chip["label"], "text": chip["text"]}
        for chip in filterset.active_filters()
    )


# --- Matching ------------------------------------------------------------------------------


def changed_between(start, end):
    """Entries saved during [start, end), or whose scheduled publication came then."""
    return Q(updated_at__gte=start, updated_at__lt=end) | Q(
        publish_at__gte=start, publish_at__lt=end
    )


def matching_entries(subscription, *, start, end):
    """The public entries `subscription` follows that were published or changed in the period.

    Its words (`q`) are read in the subscriber's language, as the list they followed read them.
    """
    with translation.override(subscription.language):
        return _matching_entries(subscription, start=start, end=end)


def _matching_entries(subscription, *, start, end):
    window = changed_between(start, end)
    if subscription.target == Target.TAG:
        entries = []
        for model in content_models():
            rows = carrying_tag(model.objects.published().filter(window), subscription.tag)
            entries += rows.order_by("name")
        return entries
    model = subscription.content_type.model_class()
    rows = model.objects.published().filter(window)
    if subscription.target == Target.ENTRY:
        return list(rows.filter(pk=subscription.object_id))
    filterset = filterset_class(model)(data=QueryDict(subscription.query), queryset=rows)
    if not filterset.is_valid():
        return []
    return list(filterset.qs)


# --- Signed links --------------------------------------------------------------------------


def confirm_token(subscription):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscription.pk))


def unsubscribe_token(subscription):
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def manage_token(email):
    return signing.TimestampSigner(salt=MANAGE_SALT).sign(email.lower())


def _unsign(token, salt, days):
    """The value signed in `token`, or None if it is forged or has expired."""
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=days * DAY)
    except signing.BadSignature:
        return None


def confirmed_by(token):
    """The subscription `token` confirms, or None if forged, expired or gone."""
    pk = _unsign(token, CONFIRM_SALT, settings.ATLAS_ALERT_CONFIRM_DAYS)
    return Subscription.objects.filter(pk=pk).first() if pk and pk.isdigit() else None


def unsubscribed_pk(token):
    """The id of the subscription `token` ends, or None if forged or expired."""
    pk = _unsign(token, UNSUBSCRIBE_SALT, settings.ATLAS_ALERT_LINK_DAYS)
    return int(pk) if pk and pk.isdigit() else None


def email_from(token):
    return _unsign(token, MANAGE_SALT, settings.ATLAS_ALERT_LINK_DAYS)
