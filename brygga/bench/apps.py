from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed only by `brygga.conf.bench`: adds admin changelists for the comparison."""

    name = "brygga.bench"
    label = "bench"
