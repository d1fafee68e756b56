"""Logging: everything to stderr, errors also to ADMINS by e-mail (imported by base.py)."""

import os

# --- Logging ------------------------------------------------------------------------
# Everything to stderr, where gunicorn, systemd or a container runtime collects it; one line per
# request from core.http.middleware.RequestLogMiddleware. Errors also go to ADMINS by e-mail.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "skip_service_unavailable": {"()": "core.http.log_filters.SkipServiceUnavailable"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "skip_service_unavailable"],
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["stderr", "mail_admins"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # Any visitor can send a bad Host: a line in the log, not an e-mail to the admins sent
        # during the request (10 s SMTP timeout each).
        "django.security.DisallowedHost": {
            "handlers": ["stderr"],
            "level": "WARNING",
            "propagate": False,
        },
        # runserver's own request lines would repeat ours; keep only its errors.
        "django.server": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "atlas": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
