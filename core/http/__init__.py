"""What every request and response goes through: middleware, headers, the visitor's address,
the health check. May import core.caching; nothing else of the atlas.
"""
