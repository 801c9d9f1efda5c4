"""Hostile input for the tests/site/test_hostile_*.py modules: values, hypothesis strategies, checks.

One catalogue, so every form, page and API parameter meets the same attacks: over-long text,
control characters, NUL (PostgreSQL refuses it in text: a classic 500 there only), script
tags, SQL-shaped strings, impossible dates, wrong types, huge and negative numbers.
"""

import html.parser
import re

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
    "attr_dq": '" onmouseover="alert(45)" x="',
    "attr_sq": "' onmouseover='alert(45)' x='",
    "svg": "<svg/onload=alert(45)>",
    "tag_close": "</textarea></title><svg onload=alert(45)>",
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
    "js_url": "javascript:alert(45)",
}
ATTACKS = {**TEXT_ATTACKS, **TYPE_ATTACKS}


def ids(mapping):
    return list(mapping)


# --- hypothesis ------------------------------------------------------------------------------

#: Text a query string or a form can carry: no surrogates (not encodable as UTF-8).
transportable_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
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


#: Pieces of the payloads that, found as written, mean a payload broke out of its context.
BREAKOUT_FRAGMENTS = ('" onmouseover', "' onmouseover", "<svg/onload", "<svg onload", "<img src=x", "<script>alert(")
#: Attributes whose value the browser follows as a URL.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data"})
_JSON_SCRIPT = re.compile(r'<script[^>]*type="application/json"[^>]*>.*?</script>', re.S | re.I)
_INVISIBLE = re.compile(r"[\x00-\x20]")


class _TagAudit(html.parser.HTMLParser):
    """Every start tag's attributes: event handlers and ``javascript:`` URLs a payload made."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert(" in value:
                self.problems.append(f"<{tag} {name}={value!r}>: an event handler from a payload")
            if name in ("onmouseover", "onerror", "onload") and tag in ("svg", "img", "textarea", "title"):
                self.problems.append(f"<{tag} {name}>: an event handler from a payload")
            if name in URL_ATTRIBUTES and _INVISIBLE.sub("", value).lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>: a javascript: URL")

    handle_startendtag = handle_starttag


def assert_escaped(response, payloads=None):
    """HTML shows every hostile text as text: checked for every payload, not one.

    - no payload that holds ``<``, ``>``, ``"`` or ``'`` appears as written (Django escapes all
      four in HTML, in text and attributes alike; JSON in ``<script type="application/json">``
      is left out — ``json_script`` escapes ``<`` ``>`` ``&`` and quotes cannot end it);
    - no fragment of a payload that breaks out (``" onmouseover``, ``<svg onload``, …) appears as written,
      so a truncated payload is caught too;
    - no tag carries an event handler or a ``javascript:`` URL made from a payload.
    ``payloads`` defaults to every attack of the catalogue.
    """
    if "html" not in response.get("Content-Type", ""):
        return
    body = response.content.decode(errors="replace")
    assert RAW_SCRIPT not in body
    outside_json = _JSON_SCRIPT.sub("", body)
    payloads = list(ATTACKS.values()) if payloads is None else list(payloads)
    raw = [p for p in payloads if any(c in p for c in "<>\"'") and p in outside_json]
    assert not raw, f"payloads shown as written: {raw}"
    fragments = [f for f in BREAKOUT_FRAGMENTS if f in outside_json]
    assert not fragments, f"payload fragments shown as written: {fragments}"
    audit = _TagAudit()
    audit.feed(body)
    assert not audit.problems, audit.problems


# --- stored whole or nothing ---------------------------------------------------------------------


def rows(queryset):
    """``{pk: every field of the row}`` of ``queryset``: a whole-table snapshot to compare."""
    return {row["pk"]: row for row in ({**r, "pk": r[queryset.model._meta.pk.attname]} for r in queryset.values())}


def assert_unchanged(before, queryset, ignore=()):
    """Every row of ``before`` is still there with every field as it was, and no row was added."""
    after = rows(queryset)
    assert set(after) == set(before), f"rows added {set(after) - set(before)}, removed {set(before) - set(after)}"
    for pk, row in before.items():
        changed = {k for k in row if k not in ignore and after[pk].get(k) != row[k]}
        assert not changed, (pk, {k: (row[k], after[pk].get(k)) for k in changed})


def assert_one_new_row(before, queryset, expected, ignore=()):
    """Old rows untouched, exactly one new row, and it holds ``expected`` ({field: value}) whole."""
    after = rows(queryset)
    new = set(after) - set(before)
    assert len(new) == 1 and set(before) <= set(after), (new, set(before) - set(after))
    assert_unchanged(before, queryset.exclude(pk__in=new), ignore)
    row = after[new.pop()]
    stored = {name: row.get(name, row.get(f"{name}_id")) for name in expected}
    assert stored == expected, {n: (expected[n], stored[n]) for n in expected if stored[n] != expected[n]}
    return row


def stored_whole(value):
    """What a form stores of ``value`` when it accepts it: Django strips surrounding spaces."""
    return value.strip() if isinstance(value, str) else value
