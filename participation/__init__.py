"""Visitors take part: they propose entries and corrections, and follow what interests them.

Proposals (`models.Proposal`, `forms.py`, `views.py`, `guards.py`) reach the back-office's
moderation queue (`admin.py`), where a reviewer turns one into a draft or a working copy
(`services.py`). Alerts (`models.Subscription`, `alerts.py`) send digests of what changed
(`digests.py`, `manage.py send_alerts`). May import core and the content apps; nothing imports it.
"""
