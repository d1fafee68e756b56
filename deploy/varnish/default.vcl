# Varnish in front of the Atlas app servers: keeps the public pages the site marks as shared
# (Cache-Control s-maxage + an xkey header naming what each page depends on), and drops exactly
# those a change names when the site sends it a PURGE (FRONT_CACHE_PURGE_URLS, core/caching/front.py).
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish
# Debian: apt install varnish varnish-modules (for the xkey vmod).
# Backends: one per app server; change the addresses (or the test's copy rewrites them).
vcl 4.1;

import directors;
import xkey;

backend app_a { .host = "127.0.0.1"; .port = "8001"; }
backend app_b { .host = "127.0.0.1"; .port = "8002"; }

# Who may purge: the app servers.
acl purgers { "127.0.0.1"; "::1"; }

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app_a);
    apps.add_backend(app_b);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The back-office and the health check are never kept.
    if (req.url ~ "^/admin/" || req.url ~ "^/healthz") {
        return (pass);
    }
    # Signed-in editors always see fresh pages (the site signs this cookie at sign-in).
    if (req.http.Cookie ~ "(^|;\s*)atlas_signed_in=") {
        return (pass);
    }
    # Visitors' other cookies (a CSRF token, a made-up session id) change nothing to a public page,
    # nor does their Accept-Language (the language is in the path): one copy for all of them.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    # Accept is kept: the API answers one address in JSON, CSV or XLSX by it, and says so with
    # `Vary: Accept`, which Varnish honours (one copy per Accept value, never a format for another).
    return (hash);
}

sub vcl_backend_response {
    # Only what the site marked as shared, tagged with its keys: never a 404, a redirect to the
    # back-office, a page rendered while the content changed, nor anything setting a cookie.
    if (!beresp.http.xkey || beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for caches, not for browsers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
