"""Following by e-mail: ask for an alert, confirm it, manage, unsubscribe, erase.

Every link an e-mail carries is signed and expires (alerts.py); none asks for a login. Links
that change something show a button first (GET) and act on POST, so that a mail scanner that
opens links changes nothing; one-click unsubscribe (RFC 8058) posts without a CSRF token, the
signed link being the proof.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.public.selectors import published_tags
from participation import alerts, digests, guards
from participation.forms import SubscribeForm
from participation.models import Proposal, Subscription, Target
from participation.views import content_model

RATE_ACTION = "alert"


@method_decorator(never_cache, name="dispatch")
class FollowView(View):
    """Ask for an alert: an address and a frequency; the alert waits for its confirmation."""

    def get(self, request, *args, **kwargs):
        return self.show(SubscribeForm())

    def post(self, request, *args, **kwargs):
        if guards.rate_exceeded(request, RATE_ACTION):
            return render(request, "participation/too_many.html", status=429)
        form = SubscribeForm(data=request.POST, started=request.POST.get("started"))
        if not form.is_valid():
            return self.show(form, status=400)
        guards.count_attempt(request, RATE_ACTION)
        subscription = self.subscription()
        subscription.email = form.cleaned_data["email"].lower()
        subscription.frequency = form.cleaned_data["frequency"]
        subscription.language = get_language()
        subscription.save()
        try:
            digests.send_confirmation(subscription)
        except OSError:
            subscription.delete()
            return render(request, "participation/mail_failed.html", status=503)
        # The same page whether the address already follows this or not: it reveals nothing.
        return render(request, "participation/follow_sent.html", {"email": subscription.email})

    def show(self, form, status=200):
        what, url = alerts.followed(self.subscription())
        context = {"form": form, "started": guards.start_token(), "what": what, "followed_url": url}
        return render(self.request, "participation/follow_form.html", context, status=status)


class FollowListView(FollowView):
    def subscription(self):
        model = content_model(self.kwargs["model"])
        query = alerts.list_filters(model, self.request.GET)
        if query is None:
            raise Http404
        return alerts.subscription_for(target=Target.LIST, model=model, query=query)


class FollowTagView(FollowView):
    def subscription(self):
        tag = get_object_or_404(published_tags(), slug=self.kwargs["slug"])
        return alerts.subscription_for(target=Target.TAG, tag=tag)


class FollowEntryView(FollowView):
    def subscription(self):
        model = content_model(self.kwargs["model"])
        entry = get_object_or_404(model.objects.published(), slug=self.kwargs["slug"])
        return alerts.subscription_for(target=Target.ENTRY, model=model, entry=entry)


def _bad_link(request):
    return render(request, "participation/bad_link.html", status=400)


@never_cache
def confirm(request, token):
    subscription = alerts.confirmed_by(token)
    if subscription is None:
        return _bad_link(request)
    what, url = alerts.followed(subscription)
    context = {"subscription": subscription, "what": what, "followed_url": url}
    if request.method == "POST":
        if subscription.confirmed_at is None:
            # The same alert confirmed again replaces the older one rather than doubling it.
            same = Subscription.objects.filter(
                email=subscription.email,
                target=subscription.target,
                content_type=subscription.content_type,
                object_id=subscription.object_id,
                tag=subscription.tag,
                query=subscription.query,
            ).exclude(pk=subscription.pk)
            same.delete()
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        context["manage_token"] = alerts.manage_token(subscription.email)
        return render(request, "participation/alert_confirmed.html", context)
    return render(request, "participation/alert_confirm.html", context)


@never_cache
def manage(request, token):
    email = alerts.email_from(token)
    if email is None:
        return _bad_link(request)
    subscriptions = [
        (subscription, *alerts.followed(subscription), alerts.unsubscribe_token(subscription))
        for subscription in Subscription.objects.filter(email=email).select_related("tag")
    ]
    context = {"email": email, "subscriptions": subscriptions, "token": token}
    return render(request, "participation/alert_manage.html", context)


@never_cache
def erase(request, token):
    """Forget the address: its alerts, and the follow-up address of its proposals."""
    email = alerts.email_from(token)
    if email is None:
        return _bad_link(request)
    if request.method != "POST":
        return render(request, "participation/alert_manage.html", {"email": email, "token": token})
    Subscription.objects.filter(email=email).delete()
    Proposal.objects.filter(email__iexact=email).update(email="")
    return render(request, "participation/alert_erased.html")


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    pk = alerts.unsubscribed_pk(token)
    if pk is None:
        return _bad_link(request)
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None:
        # Already gone: a second click, or a mail client that posts twice, is not an error.
        return render(request, "participation/alert_unsubscribed.html")
    if request.method == "POST":
        subscription.delete()
        return render(request, "participation/alert_unsubscribed.html")
    what, url = alerts.followed(subscription)
    context = {"what": what, "followed_url": url, "token": token}
    return render(request, "participation/alert_unsubscribe.html", context)
