"""Build the data package of the current content now, rather than on its first download."""

from django.core.management.base import BaseCommand

from opendata import package


class Command(BaseCommand):
    help = "Build the Frictionless Data Package of the published content (opendata/package.py)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's public address, for the page addresses in the files.",
        )

    def handle(self, *args, base_url, **options):
        base_url = base_url.rstrip("/")
        built = package.current(build_url=lambda path: f"{base_url}{path}")
        self.stdout.write(f"{built.name}: {built.size} bytes, built {built.built_at.isoformat()}")
