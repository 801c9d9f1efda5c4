"""The SQLite (FTS5) search backend with bigram queries; imported only on SQLite."""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchResults

from .bigrams import CJKBigramMixin, FacetCountsMixin


class CJKSQLiteSearchResults(FacetCountsMixin, SQLiteSearchResults):
    pass


class CJKSQLiteSearchBackend(CJKBigramMixin, SQLiteSearchBackend):
    """FTS5 matches and ranks (bm25) from its own inverted index: nothing to add but bigrams."""

    results_class = CJKSQLiteSearchResults
