"""What every one of our search backends does, whatever the database: turn each query into
CJK bigrams (``cjk_query``, ``CJKBigramMixin``) and count facets; the plain database backend
(``CJKDatabaseSearchBackend``) for databases without full-text search. ``backend`` chooses.
"""

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


class CJKDatabaseSearchResults(FacetCountsMixin, DatabaseSearchResults):
    pass


class CJKDatabaseSearchBackend(CJKBigramMixin, DatabaseSearchBackend):
    """Databases without full-text support (and SQLite built without FTS5)."""

    results_class = CJKDatabaseSearchResults
