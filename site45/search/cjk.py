"""Character bigrams for Chinese (CJK) text.

Chinese is written without spaces, so a full-text engine that splits on spaces or
punctuation keeps 「中高齡就業博覽會」 as one token and never finds 「就業」 inside it. We
index every run of CJK characters as its overlapping character bigrams (plus the single
characters, so one-character queries still work) and turn queries into the bigrams of
their own CJK runs. A query matches when the page holds all of its bigrams: 「博覽會」 →
「博覽 覽會」 is found; 「博物館」 → 「博物 物館」 is not.

Bigrams are the standard dictionary-free approach (Lucene's CJKAnalyzer, Elasticsearch's
``cjk_bigram``): no segmentation dictionary to download or keep up to date, the same
behaviour on PostgreSQL and SQLite, and exact substring recall for words of two or more
characters.

Queries keep only words: runs of letters and digits (``[^\\W_]``) outside CJK runs, and the
bigrams of CJK runs. Punctuation, spaces and the characters that mean something to
PostgreSQL's tsquery or SQLite's FTS5 syntax (``& | ! : * ' " ( )``) never reach the
database; both engines split indexed text on the same characters, so nothing is lost.
"""

import re

# CJK Unified Ideographs (+ Extension A), compatibility ideographs, and Bopomofo.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3100-\u312f]+")
_WORD = re.compile(r"[^\W_]+")


def _run_bigrams(run):
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def bigram_text(text):
    """Text for the index: each CJK run replaced by its unigrams and bigrams; other words kept."""
    if not text:
        return ""

    def expand(match):
        run = match.group(0)
        grams = list(dict.fromkeys([*run, *_run_bigrams(run)]))
        return " " + " ".join(grams) + " "

    return " ".join(_CJK_RUN.sub(expand, text).split())


def query_terms(query):
    """The words of a query: CJK runs as their bigrams, other words as they are, no punctuation."""
    if not query:
        return []
    spaced = _CJK_RUN.sub(lambda m: " " + m.group(0) + " ", query)
    terms = []
    for word in _WORD.findall(spaced):
        terms.extend(_run_bigrams(word) if _CJK_RUN.fullmatch(word) else [word])
    return list(dict.fromkeys(terms))


def bigram_query(query):
    """Query text: each CJK run replaced by its bigrams (a single character stays itself)."""
    return " ".join(query_terms(query))


def has_cjk(text):
    return bool(text and _CJK_RUN.search(text))
