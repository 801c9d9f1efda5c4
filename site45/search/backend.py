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
(``sqlite.py``) and the plain fallback (``bigrams.CJKDatabaseSearchBackend``).
"""

import functools

from django.db import connection

from .bigrams import CJKDatabaseSearchBackend


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


@functools.cache
def _sqlite_fts():
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    return fts5_available() and fts_table_exists()
