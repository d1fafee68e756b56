"""Moving content in and out of the atlas: imports, exports and what makes their files safe.

Owns the django-import-export resources, the lookups an import reads once per file and the
cell rules every spreadsheet the site writes follows, the limits of an uploaded import file
(uploads.py) and whole-site backups (backup.py). May import core.models, core.registry,
core.publishing and core.search; never an app (each app's `resources.py` builds on these).
"""
