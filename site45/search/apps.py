from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese search: the bigram backend and, on PostgreSQL, the index it is served by."""

    name = "site45.search"
    label = "site45_search"
    verbose_name = "Search"
