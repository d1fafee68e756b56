"""Open data: the public read API (/api/v1/), downloads of every list, the whole atlas as a package.

Reads every kind of entry, so it imports core, ecosystem, funding and trainings; nothing imports
it but the URL configuration and the settings.
"""
