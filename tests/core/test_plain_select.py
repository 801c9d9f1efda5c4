"""``PlainSelect`` (site45/core/widgets.py) writes the markup Django's ``Select`` writes, escaped,
and the list pages' filter uses it for the unit and county choices."""

import re

import pytest
from django import forms

from site45.core.widgets import PlainSelect
from site45.home.listing import ListingFilterForm

HOSTILE = '"><script>alert(1)</script>'


def _blank_lines_out(html):
    # Django's option template ends in a newline, so its <select> has blank lines between options.
    return re.sub(r"\n\s*\n", "\n", html)


def _both(choices, value, attrs=None):
    plain = PlainSelect(choices=choices, attrs=attrs).render("unit", value)
    django = forms.Select(choices=choices, attrs=attrs).render("unit", value)
    return plain, _blank_lines_out(str(django))


@pytest.mark.parametrize(
    "choices, value, attrs",
    [
        ([("", "全部單位"), ("a", "甲"), ("b", "乙")], "", None),
        (
            [("", "全部單位"), ("a", "甲"), ("b", "乙")],
            "b",
            {"id": "id_unit", "aria-invalid": "true", "required": True},
        ),
        ([("群組", [("a", "甲"), ("b", "乙")]), ("c", "丙")], "a", {"disabled": False}),
        ([(HOSTILE, HOSTILE), ("x", "<b>x</b>")], HOSTILE, {"data-x": HOSTILE}),
        ([], None, None),
    ],
)
def test_the_markup_is_django_selects(choices, value, attrs):
    plain, django = _both(choices, value, attrs)
    assert plain == django


def test_hostile_choices_come_out_escaped():
    plain, _django = _both([(HOSTILE, HOSTILE)], HOSTILE)
    assert "<script>" not in plain
    assert "&lt;script&gt;" in plain
    assert 'value="&quot;&gt;&lt;script&gt;' in plain
    assert " selected>" in plain


@pytest.mark.django_db
def test_the_listing_filter_renders_its_choices_with_it(site_tree):
    form = ListingFilterForm(has_county=True)
    assert isinstance(form.fields["unit"].widget, PlainSelect)
    assert isinstance(form.fields["county"].widget, PlainSelect)
    html = str(form["unit"])
    assert html.count("<option") == len(form.fields["unit"].choices) > 1
