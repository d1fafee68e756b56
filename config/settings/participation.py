"""Visitors' proposals and e-mail alerts (participation/): their settings, imported by base.py."""

import os

# --- Participation ----------------------------------------------------------------
# Visitors' proposals and e-mail alerts (participation/). Links in e-mails sent outside a
# request (`manage.py send_alerts`) start with SITE_URL.

ATLAS_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Seconds a person needs at least to fill a proposal; faster is a robot.
ATLAS_PROPOSAL_MIN_SECONDS = 3
# A form older than this must be reloaded (its signed start time has expired).
ATLAS_PROPOSAL_MAX_SECONDS = 2 * 60 * 60
# Proposals and alert requests one address may send per hour, counted in the shared cache.
ATLAS_PARTICIPATION_PER_HOUR = 10
# Links a proposal's text may hold (its source and website aside): more is spam.
ATLAS_PROPOSAL_MAX_LINKS = 3
# How long the link that confirms an alert, and the links in each digest, stay valid.
ATLAS_ALERT_CONFIRM_DAYS = 7
ATLAS_ALERT_LINK_DAYS = 365
