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

Each database gets a named subclass of modelsearch's backend for it: PostgreSQL's (served by
a GIN index and ranked without reading the bodies, ``postgres.py``), SQLite's FTS5
(``sqlite.py``) and the plain fallback (here).
"""

import functools

from django.db import connection
from modelsearch.backends.database.fallback import DatabaseSearchBackend, DatabaseSearchResults
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from .cjk import bigram_query, has_cjk

_OPERATORS = ("and", "or")

#: Where a backend that counts all results along with a page of them puts the total, on each
#: result of the page (PostgreSQL: ``postgres.CJKPostgresSearchResults``).
TOTAL_ATTRIBUTE = "search_total"


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


class FacetCountsMixin:
    """Search results whose facet counts also give their count.

    Each result falls in exactly one value of a faceted field, so the counts per value add up
    to the number of results. The admin's page search asks for the page-type facet and then
    for the count of the same results (twice, in its template): the count costs no query.
    """

    def facet(self, field_name):
        counts = super().facet(field_name)
        if self._count_cache is None and self.start == 0 and self.stop is None:
            self._count_cache = sum(counts.values())
        return counts


def SearchBackend(params):
    """modelsearch's database backend for this database, with bigram queries (``CJKBigramMixin``).

    The same choice modelsearch makes (PostgreSQL full text; SQLite FTS5 when the SQLite build
    has it; plain ``LIKE`` otherwise), each as a named subclass. The vendor modules are imported
    only for their database: modelsearch's PostgreSQL and SQLite modules look up index models
    that exist on their own database only.
    """
    if connection.vendor == "postgresql":
        from .postgres import CJKPostgresSearchBackend as backend_class
    elif connection.vendor == "sqlite" and _sqlite_fts():
        from .sqlite import CJKSQLiteSearchBackend as backend_class
    else:
        backend_class = CJKDatabaseSearchBackend
    return backend_class(params)


class CJKDatabaseSearchResults(FacetCountsMixin, DatabaseSearchResults):
    pass


class CJKDatabaseSearchBackend(CJKBigramMixin, DatabaseSearchBackend):
    """Databases without full-text support (and SQLite built without FTS5)."""

    results_class = CJKDatabaseSearchResults


@functools.cache
def _sqlite_fts():
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    return fts5_available() and fts_table_exists()
