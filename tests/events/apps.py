from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tests.events"
    label = "events"
