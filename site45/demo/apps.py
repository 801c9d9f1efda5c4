from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only so that ``seed_demo`` and ``seed_bulk`` are management commands; no models."""

    name = "site45.demo"
    label = "demo"
