"""The PostgreSQL search backend with bigram queries, served by a GIN index; imported only on PostgreSQL.

modelsearch matches ``(title || body) @@ tsquery`` and ranks by ``ts_rank`` of the title and of
the body. Two things made that cost grow with the corpus (about 430 ms a query at 10,000
pages): no index covers the expression ``title || body``, so every query read and concatenated
every page's vectors; and ranking by the body reads the whole body vector of every match
(kilobytes each, stored out of line), which for a word such as 「就業」 is most of the site.

Here the match is the same expression, served by the GIN index ``search_bigram_gin`` on
``(title || body)`` (migration ``site45_search.0001``); it is only filtered on, never selected,
so the vectors of the matches are not read. Results are ranked by the title alone — which
holds the title's bigrams (``site45.search.index.BigramSearchField``), so a page whose title
has the words comes first — and then newest first (modelsearch's ``-pk``). Nothing per match
but its small title vector is read, so a query costs about the same at 100 or 10,000 pages.
A page of results also carries the number of all results (a window count over the same
matches), so the public search needs no second query to count them.
"""

from django.core.cache import cache
from django.db.models import Avg, Count, F, Window
from django.db.models.functions import Length
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not

from .bigrams import TOTAL_ATTRIBUTE, CJKBigramMixin, FacetCountsMixin

#: The name of the GIN index over ``title || body`` (created by migration site45_search.0001).
INDEX_NAME = "search_bigram_gin"
#: The partial index of entries whose title norm is still to be set (migration site45_search.0002).
PENDING_NORMS_INDEX_NAME = "search_title_norm_pending"


def indexed_vector():
    """``title || body`` of the page's index entry, as modelsearch writes it and the index is built."""
    return F("index_entries__title")._combine(F("index_entries__body"), "||", False)


class CJKPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def _uses_index_vectors(self):
        if self.fields is not None:
            return False  # searches over named model fields build their vectors on the fly
        query = self.query
        if isinstance(query, (MatchAll, Fuzzy)):
            return False
        return not (isinstance(query, Not) and isinstance(query.subquery, MatchAll))

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self._uses_index_vectors():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        queryset = self.queryset.alias(_vector_=indexed_vector()).filter(_vector_=search_query)
        rank = self.build_tsrank(F("index_entries__title"), self.query, config=config) * F("index_entries__title_norm")
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)


class CJKPostgresSearchResults(FacetCountsMixin, PostgresSearchResults):
    def get_queryset(self):
        queryset = super().get_queryset()
        if self.stop is not None:
            # A page of results: every result also carries the total, counted in the same pass
            # over the matches the ranking makes anyway (``COUNT(*) OVER ()`` before the LIMIT).
            queryset = queryset.annotate(**{TOTAL_ATTRIBUTE: Window(Count("pk"))})
        return queryset


class CJKPostgresIndex(PostgresIndex):
    """modelsearch's index whose every write costs the same at 100 or 10,000 pages.

    After each write modelsearch sets ``title_norm`` (average title length / this title's
    length) on the new entries: it averages the title length over the whole index table and
    finds the new entries by ``title_norm = 1.0`` — two scans of the table on every publish.
    Here the average is read from the cache and measured again at most every
    ``AVERAGE_TITLE_LENGTH_SECONDS`` (it moves slowly: one page changes it by a ten-thousandth),
    and the new entries are found through the partial index ``search_title_norm_pending``.
    ``update_index`` still refreshes every entry with the exact average (``full=True``).
    """

    AVERAGE_TITLE_LENGTH_SECONDS = 3600
    AVERAGE_TITLE_LENGTH_KEY = "site45-search-average-title-length"

    def _average_title_length(self):
        average = cache.get(self.AVERAGE_TITLE_LENGTH_KEY)
        if average is None:
            average = (
                self.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(Avg("title_length"))["title_length__avg"]
            )
            if average is not None:
                cache.set(self.AVERAGE_TITLE_LENGTH_KEY, average, self.AVERAGE_TITLE_LENGTH_SECONDS)
        return average

    def _refresh_title_norms(self, full=False):
        if full:
            cache.delete(self.AVERAGE_TITLE_LENGTH_KEY)
            return super()._refresh_title_norms(full=True)
        average = self._average_title_length()
        if average is None:
            return
        self.entries.filter(title_norm=1.0).annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=average / F("title_length")
        )


class CJKPostgresSearchBackend(CJKBigramMixin, PostgresSearchBackend):
    query_compiler_class = CJKPostgresSearchQueryCompiler
    index_class = CJKPostgresIndex
    results_class = CJKPostgresSearchResults
