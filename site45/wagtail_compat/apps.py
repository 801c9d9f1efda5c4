from django.apps import AppConfig


class WagtailCompatConfig(AppConfig):
    """Installs every Wagtail workaround once, after all other apps are ready (README.md here)."""

    name = "site45.wagtail_compat"
    label = "wagtail_compat"

    def ready(self):
        from . import install

        install()
