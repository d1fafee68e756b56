"""Who bypasses the caches: a person signed in, told by a signed cookie rather than by a session id.

Any visitor can send a `sessionid` cookie, made up or left over: if that alone bypassed the page
cache, a flood with a bogus one would reach the database on every request. The cookie set here
at sign-in, and removed at sign-out, is signed with SECRET_KEY: it cannot be made up, and
checking it costs an HMAC, no query. It says only that the browser signed in; what the person
may see is still decided by the session, as always.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

COOKIE_NAME = "atlas_signed_in"
_SALT = "atlas.caching.signed-in"


def is_signed_in(request: HttpRequest) -> bool:
    """Whether `request` comes from a browser that signed in (and kept its session)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    value = request.get_signed_cookie(
        COOKIE_NAME, default=None, salt=_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    return value is not None


def keep_cookie_in_step(request: HttpRequest, response: HttpResponseBase) -> None:
    """Set the cookie for a signed-in user who lacks it, remove it from one who signed out.

    Runs after the view, where AuthenticationMiddleware has told who the user is. Signing in
    modifies the session, which is how a browser with no session cookie yet is told apart.
    """
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    has_cookie = COOKIE_NAME in request.COOKIES
    if user is None or session is None:
        return
    if not (has_cookie or session.modified or settings.SESSION_COOKIE_NAME in request.COOKIES):
        # A visitor with no session: asking who they are would only add « Vary: Cookie ».
        return
    if user.is_authenticated and not is_signed_in(request):
        response.set_signed_cookie(
            COOKIE_NAME,
            "1",
            salt=_SALT,
            # Gone with the browser session, as the session cookie itself.
            max_age=None,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    elif not user.is_authenticated and has_cookie:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
