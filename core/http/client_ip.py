"""The visitor's address, seen through the reverse proxies the site runs behind.

The login lock-out (django-axes) counts failures per account and address. Behind a proxy,
every request comes from the proxy: the lock-out would then shut an account out for everyone.
Each proxy appends the address it received the request from to X-Forwarded-For, so the last
TRUSTED_PROXIES entries were written by the site's own proxies; anything further left was
written by the client and may be forged, so it is never read.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the outermost trusted proxy saw, or the connection's without proxies."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.ATLAS_TRUSTED_PROXIES
    if proxies == 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    addresses = [address.strip() for address in forwarded if address.strip()]
    if len(addresses) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(addresses[-proxies]))
    except ValueError:
        return remote
