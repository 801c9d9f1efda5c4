"""Hostile input for the tests/test_hostile_*.py modules: values, hypothesis strategies, checks.

One catalogue, so every form, page and API parameter meets the same attacks: over-long text,
control characters, NUL (PostgreSQL refuses it in text: a classic 500 there only), script
tags, SQL-shaped strings, impossible dates, wrong types, huge and negative numbers.
"""

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCRIPT = '<script>alert("x45")</script>'
#: What must never appear in a page: the tag as written, unescaped.
RAW_SCRIPT = "<script>alert("
SQL = "'; DROP TABLE wagtailcore_page; --"

#: name → value: text attacks, for any parameter or text field.
TEXT_ATTACKS = {
    "over_long": "長" * 5000,
    "nul": "a\x00b",
    "control": "a\x01\x1b[31m\x7fb",
    "bidi": "abc\u202edcba",
    "script": SCRIPT,
    "attr_break": '"><img src=x onerror=alert(1)>',
    "sql": SQL,
    "sql_or": "' OR '1'='1",
    "like_wildcards": "%_%\\",
    "emoji": "😀👩‍💻",
    "blank": "   ",
    "crlf": "a\r\nSet-Cookie: x=1",
    "path": "../../etc/passwd",
}
#: name → value: attacks on a number, a date or a choice.
TYPE_ATTACKS = {
    "bad_date": "2026-02-30",
    "far_date": "99999-01-01",
    "year_zero": "0000-00-00",
    "huge": "9" * 30,
    "negative": "-1",
    "huge_negative": "-" + "9" * 30,
    "float": "1e308",
    "nan": "NaN",
    "json": '{"$gt": ""}',
    "list": "[]",
}
ATTACKS = {**TEXT_ATTACKS, **TYPE_ATTACKS}


def ids(mapping):
    return list(mapping)


# --- hypothesis ------------------------------------------------------------------------------

#: Text a query string or a form can carry: no surrogates (not encodable as UTF-8).
transportable_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
)
sql_shaped = st.sampled_from(
    ["'", '"', "--", ";", "/*", "*/", " OR ", " UNION SELECT ", "1=1", "DROP TABLE", "\\", "%", "_"]
).flatmap(lambda piece: st.lists(st.sampled_from([piece, "a", "1", " ", "'"]), max_size=8).map("".join))
huge_ints = st.integers(min_value=-(10**40), max_value=10**40).map(str)
odd_dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.tuples(st.integers(-10, 99999), st.integers(-1, 99), st.integers(-1, 99)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
)
hostile_values = st.one_of(
    transportable_text, sql_shaped, huge_ints, odd_dates, st.sampled_from(list(ATTACKS.values()))
)

#: For tests with function-scoped fixtures: each example runs inside the test's transaction.
HYPOTHESIS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- checks ----------------------------------------------------------------------------------


def send(client, method, url, data=None, **extra):
    """One request in a savepoint, so an error on PostgreSQL cannot poison the next request.

    The test client re-raises a view's exception, so a 500 fails the test with its traceback.
    """
    with transaction.atomic():
        return getattr(client, method)(url, data if data is not None else {}, **extra)


def assert_handled(response, allowed=(200, 301, 302, 400, 403, 404, 405, 410)):
    assert response.status_code < 500, response.status_code
    assert response.status_code in allowed, (response.status_code, response.content[:300])


def assert_escaped(response):
    """HTML shows hostile text as text: no script tag as written."""
    if "html" in response.get("Content-Type", ""):
        assert RAW_SCRIPT not in response.content.decode(errors="replace")
