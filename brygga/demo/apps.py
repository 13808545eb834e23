from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo municipality. Depends on every app; nothing depends on it."""

    name = "brygga.demo"
    label = "demo"
