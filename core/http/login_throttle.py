"""A limit per account on login attempts, whatever the address, beside django-axes.

django-axes locks a username *at one address*: rotating addresses gave unlimited guesses on one
account. Here, past FREE_FAILURES failures for an account within WINDOW (counted from axes's
failure log), each further attempt for it must wait FIRST_DELAY after the last failure, twice
that after the next, up to LONGEST_DELAY: at most about a hundred guesses a day on one account,
against a password of twelve characters or more.

It never locks an editor out of their own browsers: a successful login leaves a signed cookie
naming the account (OWASP's « device cookie »), and a browser that carries it is spared this
limit (axes still limits it per address). An editor on a new browser during an attack waits
LONGEST_DELAY at most after the last failure; a reviewer can clear the failures in the admin.
"""

from collections.abc import Callable
from datetime import timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.core import signing
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

WINDOW = timedelta(hours=24)
FREE_FAILURES = 10
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(minutes=15)
DEVICE_COOKIE = "atlas_login_device"
DEVICE_COOKIE_AGE = timedelta(days=90)
_SALT = "atlas.login-device"


def wait_before_next_attempt(username: str) -> timedelta:
    """How long an attempt to log in as `username` must still wait (zero: it may go on)."""
    now = timezone.now()
    failures = AccessFailureLog.objects.filter(
        username=username, attempt_time__gte=now - WINDOW
    ).aggregate(count=Count("pk"), last=Max("attempt_time"))
    if failures["count"] < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures["count"] - FREE_FAILURES, 10)
    delay = min(FIRST_DELAY * 2**doublings, LONGEST_DELAY)
    return max(failures["last"] + delay - now, timedelta(0))


def device_username(request: HttpRequest) -> str | None:
    """The account this browser logged in to before, from its signed cookie, or None."""
    cookie = request.COOKIES.get(DEVICE_COOKIE)
    if not cookie:
        return None
    try:
        return signing.loads(cookie, salt=_SALT, max_age=DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return None


class LoginThrottleMiddleware:
    """Refuse a login attempt that must wait (429); remember the browser of a success."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_login = request.method == "POST" and request.path == reverse("admin:login")
        username = request.POST.get("username", "") if is_login else ""
        if username and device_username(request) != username:
            wait = wait_before_next_attempt(username)
            if wait:
                return self._refuse(request, wait)
        response = self.get_response(request)
        if is_login and response.status_code == 302 and request.user.is_authenticated:
            response.set_cookie(
                DEVICE_COOKIE,
                signing.dumps(request.user.get_username(), salt=_SALT),
                max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
                path=reverse("admin:login"),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def _refuse(self, request: HttpRequest, wait: timedelta) -> HttpResponse:
        # Rounded up: « 1 minute » rather than « 0 minutes » for the last seconds.
        minutes = -(-int(wait.total_seconds()) // 60)
        response = render(request, "admin/login_throttled.html", {"minutes": minutes}, status=429)
        response["Retry-After"] = str(int(wait.total_seconds()) + 1)
        return response
