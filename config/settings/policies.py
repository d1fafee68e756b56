"""The content security and permissions policies every response carries (imported by base.py).

core.http.middleware.SecurityHeadersMiddleware sends them, through django-csp.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE

# No inline script anywhere: the only <script> elements without src hold JSON-LD, which is data
# and never runs. Django's admin sets style attributes, so its pages allow inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# What the admin's pages replace in that policy (core.http.middleware.SecurityHeadersMiddleware).
ATLAS_ADMIN_CONTENT_SECURITY_POLICY = {"style-src": [SELF, UNSAFE_INLINE]}
# Browser features the atlas never uses, switched off for it and anything it might embed.
ATLAS_PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
