from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "site45.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect()
