"""Wagtail search backend: modelsearch's database backend with CJK bigram queries.

Pages index their text as bigrams through ``ContentPage.cjk_search_text``; this backend
turns every query into bigrams too and requires all of them (operator "and"), so the
public search, the admin search and the API's ``?search=`` all behave alike.

Queries arrive as strings (public search, API) or as query objects (the admin parses its
search box into ``PlainText``/``Phrase``); both are rewritten. Punctuation is dropped, so
「中高齡、就業」 asks for 中高, 高齡 and 就業, and nothing reaches PostgreSQL's tsquery or
SQLite's FTS5 parser that they could read as syntax.

Autocomplete (the admin's page search and the choosers) matches the prefix of the first
token of each *title* word, which cannot find 「就業」 inside 「中高齡就業博覽會」; a query
with Chinese in it is therefore answered by the full-text search over the bigram index.
"""

from modelsearch.backends.database import SearchBackend as _database_backend
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from .cjk import bigram_query, has_cjk

_OPERATORS = ("and", "or")


def cjk_query(query, operator=None):
    """The query with every text part turned into bigrams; strings become ``PlainText``."""
    if isinstance(query, str):
        return PlainText(bigram_query(query), operator=operator if operator in _OPERATORS else "and")
    if isinstance(query, PlainText):
        return PlainText(bigram_query(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        # Bigrams of one CJK run are adjacent in the index, so a phrase of them still matches.
        return Phrase(bigram_query(query.query_string))
    if isinstance(query, (And, Or)):
        return type(query)([cjk_query(q) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(cjk_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(cjk_query(query.subquery), query.boost)
    return query  # MatchAll, Fuzzy…


def _is_empty(query):
    return isinstance(query, (PlainText, Phrase)) and not query.query_string


def _text_of(query):
    if isinstance(query, str):
        return query
    return getattr(query, "query_string", "") or ""


class CJKBigramMixin:
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = cjk_query(query, operator)
        if _is_empty(query):
            query = ""  # nothing left but punctuation: no results (as for an empty string)
        return super().search(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        if has_cjk(_text_of(query)):
            return self.search(
                query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
            )
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
