"""Search fields whose indexed text is character bigrams (see cjk.py)."""

from wagtail.search import index

from .cjk import bigram_text


class BigramSearchField(index.SearchField):
    """A ``SearchField`` indexed as the bigrams of its value.

    Used for the page title: modelsearch keeps the field named ``title`` in its own vector,
    which the PostgreSQL backend ranks by (site45/search/postgres.py). Indexed as written, a
    Chinese title is one token that no bigram query matches, and every match would rank alike.
    It is added beside Wagtail's own ``SearchField("title")`` (modelsearch keeps both: they
    differ in type), so the title vector holds the title as written and as bigrams.
    """

    def get_value(self, obj):
        return bigram_text(super().get_value(obj))
