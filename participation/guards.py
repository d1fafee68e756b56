"""What keeps robots and floods out of the public forms, without a third-party CAPTCHA.

- a signed start time in the form: sent faster than a person types, or too long ago, refused;
- a per-address count in the shared cache (the address as the login lock-out reads it, behind
  the site's own proxies); a cache that fails lets the visitor through rather than break;
- a count of the links in what a visitor writes.
"""

import logging
import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from core.http.client_ip import client_ip

logger = logging.getLogger("atlas.participation")
FILL_SALT = "participation.form-started"
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
RATE_WINDOW = 60 * 60


def start_token(*, now=None):
    """A signed token of the moment a form is shown."""
    moment = int(time.time() if now is None else now)
    return signing.Signer(salt=FILL_SALT).sign(str(moment))


def seconds_since_start(token):
    """Seconds since the form holding `token` was shown, or None if it was forged."""
    try:
        moment = int(signing.Signer(salt=FILL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return time.time() - moment


def link_count(*texts):
    return sum(len(LINK.findall(text or "")) for text in texts)


def _rate_key(request, action):
    return f"participation:rate:{action}:{client_ip(request)}"


def rate_exceeded(request, action):
    """Whether this visitor's address has already sent its share of `action` this hour."""
    try:
        count = cache.get(_rate_key(request, action), 0)
    except Exception:
        logger.warning("Rate limit unavailable: the cache did not answer", exc_info=True)
        return False
    return count >= settings.ATLAS_PARTICIPATION_PER_HOUR


def count_attempt(request, action):
    """Count one `action` from this visitor's address for the hour to come."""
    key = _rate_key(request, action)
    try:
        # add() starts the window; incr() is atomic on Redis, so parallel posts all count.
        cache.add(key, 0, RATE_WINDOW)
        cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this attempt starts a new window.
        cache.add(key, 1, RATE_WINDOW)
    except Exception:
        logger.warning("Rate limit unavailable: the cache did not answer", exc_info=True)
