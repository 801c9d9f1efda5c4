"""Wagtail search backend: modelsearch's database backend with CJK bigram queries.

Pages index their text as bigrams through ``ContentPage.cjk_search_text``; this backend
turns every query string into bigrams too and requires all of them (operator "and"), so the
public search, the admin search and the API's ``?search=`` all behave alike.
"""

from modelsearch.backends.database import SearchBackend as _database_backend

from .cjk import bigram_query


class CJKBigramMixin:
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        if isinstance(query, str):
            query = bigram_query(query)
            operator = operator or "and"
        return super().search(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        if isinstance(query, str):
            query = bigram_query(query)
            operator = operator or "and"
        return super().autocomplete(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )


_classes = {}


def SearchBackend(params):
    """Pick modelsearch's backend for this database and wrap it with bigram queries."""
    backend = _database_backend(params)
    base = type(backend)
    if base not in _classes:
        _classes[base] = type(f"CJK{base.__name__}", (CJKBigramMixin, base), {})
    backend.__class__ = _classes[base]
    return backend
