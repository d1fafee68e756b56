"""Filters on what the logs send by e-mail."""

import logging


class SkipServiceUnavailable(logging.Filter):
    """Keep 503s out of the admins' mail: a database outage would send one per request.

    They stay in the server's log, and /healthz says the database is down.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 503
