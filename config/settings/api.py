"""The open data API's settings: Django REST framework and its schema (imported by base.py)."""

import os

# --- Open data API ----------------------------------------------------------------------
# A read-only anonymous API (opendata/): problem details for errors, a rate limit per client.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Accept read with its quality values; `?format=` wins over it.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "opendata.negotiation.FormatNegotiation",
    "DEFAULT_THROTTLE_CLASSES": ["opendata.throttling.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.errors.problem_exception_handler",
    # `?format=` names a download (opendata/downloads.py), not one of DRF's renderers.
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Atlas IA Santé API",
    "DESCRIPTION": "Read-only access to the published entries of the Atlas IA Santé: actors, "
    "funding schemes, awards, training programmes and tags. Licence Ouverte / Open Licence 2.0.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.schema.document_downloads",
    ],
    "LICENSE": {
        "name": "Licence Ouverte / Open Licence 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
}
# Requests per client address; past it, 429 with Retry-After.
ATLAS_API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
