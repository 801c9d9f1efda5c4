"""Hostile input on the public site: every page type, listing filters, search,
RSS, sitemap, the /en/ tree, the language switch and the public account-application form.

Each hostile request gets a page (200 with a message, or 400/404/410), never a 500; nothing
hostile is stored by a refused form; text that is stored is shown escaped.
"""

import urllib.parse

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Locale, Page

from site45.governance.accounts.applications import AccountApplication
from site45.home.listing import ListingFilterForm
from site45.home.models import ContentIndexPage
from site45.search.views import MAX_QUERY_LENGTH
from tests.factories import REQUIRED_FIELDS, make_page
from tests.hostile import (
    ATTACKS,
    HYPOTHESIS,
    RAW_SCRIPT,
    SCRIPT,
    TEXT_ATTACKS,
    assert_escaped,
    assert_handled,
    assert_one_new_row,
    assert_unchanged,
    hostile_values,
    huge_ints,
    odd_dates,
    rows,
    send,
    stored_whole,
)

pytestmark = pytest.mark.django_db

#: The listing's own filters (read from its form) plus pagination and names people guess.
LISTING_PARAMS = [
    *ListingFilterForm.base_fields,
    "page",
    "year",
    "month",
    "type",
    "sort",
    "order",
    "q",
    "no_such_param",
]


def translate_some(*pages):
    """English copies of a few pages (Wagtail's ``copy_for_translation``), enough for /en/ URLs;
    the full ``translate_site_tree`` copies ~300 unit sections and would dominate the run time."""
    en = Locale.objects.get_or_create(language_code="en")[0]
    for page in pages:
        if not page.get_translations().filter(locale=en).exists():
            page.copy_for_translation(en, copy_parents=True).save_revision().publish()


@pytest.fixture
def public_site(site_tree):
    """One live page of every content type, and English copies of the home page and two indexes."""
    pages = {code: make_page(code) for code in REQUIRED_FIELDS}
    translate_some(site_tree, *ContentIndexPage.objects.filter(matrix_code__in=["event", "hot_news"]))
    return pages


@pytest.fixture
def one_event(site_tree):
    return make_page("event")


#: Listings that differ in their filters or ordering: county + datetime (events), a date field
#: (hot news), validity (announcements), county + publication time (success cases).
LISTING_SHAPES = ("event", "hot_news", "announcement", "success_case")


def public_urls(pages):
    """One URL of every public page type, read from the tree (not a hand list), plus the views."""
    urls = []
    seen = set()
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        if isinstance(page, ContentIndexPage) and page.matrix_code not in LISTING_SHAPES:
            continue
        key = (type(page), page.locale.language_code, getattr(page, "matrix_code", None))
        if key in seen:
            continue
        seen.add(key)
        urls.append(page.url)
    urls += [
        "/events/rss/",
        "/search/",
        "/en/search/",
        "/sitemap.xml",
        "/account-application/",
        "/en/account-application/",
    ]
    return urls


def test_every_public_page_answers_every_parameter_attack(client, public_site):
    """All listing parameters at once carry each attack, on every public URL: never a 500."""
    urls = public_urls(public_site)
    assert any("/events/" in url for url in urls) and any(url.startswith("/en/") for url in urls)
    for _attack, value in ATTACKS.items():
        for url in urls:
            response = send(client, "get", url, {name: value for name in LISTING_PARAMS})
            assert_handled(response)
            assert_escaped(response)


@pytest.mark.parametrize("value", ["2026-02-30", "0000-00-00", "99999-01-01", "abc", SCRIPT])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_listing_shows_a_message_for_an_impossible_date(client, one_event, field, value):
    response = client.get("/events/", {field: value})
    assert response.status_code == 200
    assert response.context["filter_form"].errors[field]
    assert 'class="field-error"' in response.content.decode()
    assert_escaped(response)


def test_listing_reversed_date_range_says_so(client, one_event):
    response = client.get("/hot-news/", {"date_from": "2026-05-01", "date_to": "2026-01-01"})
    assert response.status_code == 200
    assert "起始日期不可晚於結束日期。" in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "0", "-1", "9" * 30, "-" + "9" * 30, "1e9", "NaN", ""])
def test_listing_page_number_out_of_range_shows_a_page(client, one_event, value):
    """Django's ``get_page`` shows the last (or first) page for a page number out of range."""
    response = client.get("/events/", {"page": value})
    assert response.status_code == 200
    assert response.context["page_obj"].number >= 1


@pytest.mark.parametrize("value", ["<script>", "TW-XXX", "tw-tpe", "a\x00b", "9" * 30])
def test_listing_unknown_county_or_unit_is_a_form_error(client, one_event, value):
    response = client.get("/events/", {"county": value, "unit": value})
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert form.errors["county"] and form.errors["unit"]


@HYPOTHESIS
@given(
    params=st.dictionaries(st.sampled_from(LISTING_PARAMS), st.one_of(hostile_values, huge_ints, odd_dates), max_size=6)
)
def test_listing_filters_never_fail(client, public_site, params):
    for url in ("/events/", "/hot-news/"):
        response = send(client, "get", url, params)
        assert_handled(response, allowed=(200,))
        assert_escaped(response)


# --- search --------------------------------------------------------------------------------------


def test_search_too_long_or_nul_is_a_400_with_a_message(client, one_event):
    response = client.get("/search/", {"q": "就" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert f"搜尋字詞最多 {MAX_QUERY_LENGTH} 個字" in response.content.decode()
    response = client.get("/search/", {"q": "就業\x00"})
    assert response.status_code == 400
    assert "搜尋字詞含有無效字元。" in response.content.decode()


@HYPOTHESIS
@given(q=hostile_values, page=st.one_of(huge_ints, hostile_values))
def test_search_never_fails(client, public_site, q, page):
    for url in ("/search/", "/en/search/"):
        response = send(client, "get", url, {"q": q, "page": page})
        assert_handled(response, allowed=(200, 400))
        assert_escaped(response)


# --- paths ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", list(TEXT_ATTACKS) + ["huge", "bad_date"])
def test_hostile_paths_are_a_404(client, one_event, attack):
    segment = urllib.parse.quote(ATTACKS[attack][:500], safe="")
    for template in (
        "/{}/",
        "/hot-news/{}/",
        "/units/{}/",
        "/units/wda-dsted/{}/",
        "/en/{}/",
        "/hot-news/rss/{}/",
        "/documents/{}/x.pdf",
        "/api/v2/pages/{}/",
    ):
        response = send(client, "get", template.format(segment))
        assert_handled(response, allowed=(301, 302, 400, 404))


# --- stored hostile text is shown as text --------------------------------------------------------


def test_hostile_text_in_a_published_page_renders_escaped(client, site_tree):
    """Editors may type anything in plain-text fields; every public view shows it as text."""
    from wagtail.rich_text import RichText

    texts = {
        "title": SCRIPT,
        "summary": SCRIPT + ' "quoted" & <b>bold</b>',
        "venue": SCRIPT,
        "organiser": SCRIPT,
        "body": [("paragraph", RichText(f"<p>{SCRIPT.replace('<', '&lt;')}</p>")), ("heading", SCRIPT)],
    }
    event = make_page("event", **texts)
    case = make_page("success_case", title=SCRIPT, person_name=SCRIPT, occupation=SCRIPT, employer=SCRIPT)
    for url in (
        event.url,
        case.url,
        "/",
        "/events/",
        "/success-cases/",
        "/units/wda-dsted/",
        "/site-map/",
        "/search/?q=" + urllib.parse.quote("alert"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response)
    body = client.get(event.url).content.decode()
    assert "&lt;script&gt;alert(" in body
    feed = client.get("/events/rss/")
    assert feed.status_code == 200 and RAW_SCRIPT not in feed.content.decode()
    api = client.get(f"/api/v2/pages/{event.pk}/")
    assert api.status_code == 200 and api.json()["title"] == SCRIPT  # JSON carries the text; clients escape


# --- language switch -----------------------------------------------------------------------------


@pytest.mark.parametrize("attack", list(TEXT_ATTACKS) + ["external", "scheme"])
def test_language_switch_with_hostile_values_redirects_home_or_stays(client, site_tree, attack):
    odd = {"external": "https://evil.example/", "scheme": "javascript:alert(1)"}
    value = odd[attack] if attack in odd else ATTACKS[attack]
    for data in ({"language": value, "next": "/"}, {"language": "en", "next": value}):
        response = send(client, "post", "/i18n/setlang/", data)
        assert_handled(response, allowed=(302, 204))
        if response.status_code == 302:
            assert not response.url.startswith(("http", "//", "javascript")), response.url
    response = send(client, "get", "/i18n/setlang/", {"language": value, "next": value})
    assert_handled(response, allowed=(302, 204, 405))


# --- the public account-application form ---------------------------------------------------------


@pytest.fixture
def no_rate_limit(settings):
    settings.ACCOUNT_APPLICATION_RATE_LIMIT = 10**6
    settings.ACCOUNT_APPLICATION_EMAIL_RATE_LIMIT = 10**6
    cache.clear()
    yield
    cache.clear()


def valid_filing():
    from tests.factories import filing_form_data as form_data

    return form_data()


def text_fields_of_filing_form():
    from site45.governance.accounts.applications import ONE_LINE_TEXT_FIELDS

    return list(ONE_LINE_TEXT_FIELDS)


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_filing_form_refuses_hostile_text_and_stores_nothing(client, site_tree, no_rate_limit, attack):
    """Every text field of the form carries the attack: a form with messages, no row stored
    (or, for text that is merely odd, one complete row and the "sent" redirect)."""
    data = valid_filing()
    for name in text_fields_of_filing_form():
        data[name] = ATTACKS[attack]
    before = rows(AccountApplication.objects.all())
    response = send(client, "post", "/account-application/", data)
    assert_handled(response, allowed=(200, 302))
    if response.status_code == 200:
        assert response.context["form"].errors, attack
        assert_unchanged(before, AccountApplication.objects.all())
        assert_escaped(response)
    else:
        expected = {name: stored_whole(ATTACKS[attack]) for name in text_fields_of_filing_form()}
        assert_one_new_row(before, AccountApplication.objects.all(), expected)


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_filing_form_refuses_wrong_types_in_choices_and_dates(client, site_tree, no_rate_limit, attack):
    value = ATTACKS[attack]
    data = valid_filing()
    data.update(
        unit=value,
        change_type=value,
        account_role=value,
        application_date=value,
        supervisor_approved_on=value,
        perm_editor=value,
        declaration_agreed=value,
    )
    before = rows(AccountApplication.objects.all())
    response = send(client, "post", "/account-application/", data)
    assert_handled(response, allowed=(200,))
    errors = response.context["form"].errors
    assert {"unit", "change_type", "account_role", "application_date"} <= set(errors)
    assert_unchanged(before, AccountApplication.objects.all())
    assert_escaped(response)


@HYPOTHESIS
@given(
    values=st.fixed_dictionaries(
        {},
        optional={
            name: hostile_values
            for name in [
                "contact_name",
                "contact_phone",
                "contact_email",
                "account_name",
                "user_name",
                "user_title",
                "user_phone",
                "user_email",
                "supervisor_name",
                "application_date",
                "change_type",
                "account_role",
                "unit",
            ]
        },
    )
)
def test_filing_form_never_fails(client, site_tree, no_rate_limit, values):
    data = valid_filing()
    data.update(values)
    before = rows(AccountApplication.objects.all())
    response = send(client, "post", "/account-application/", data)
    assert_handled(response, allowed=(200, 302))
    if response.status_code == 302:
        assert_one_new_row(before, AccountApplication.objects.all(), {})
    else:
        assert_unchanged(before, AccountApplication.objects.all())


@pytest.mark.parametrize("attack", list(ATTACKS) + ["signed_shape", "long_signed_shape"])
def test_confirm_link_with_a_garbage_token_is_a_400_and_changes_nothing(client, site_tree, attack):
    shapes = {"signed_shape": "MQ:1vABCD:abcdefghijklmnop", "long_signed_shape": "MQ:" + "A" * 300 + ":x"}
    token = shapes[attack] if attack in shapes else ATTACKS[attack]
    url = "/account-application/confirm/{}/".format(urllib.parse.quote(token, safe=""))
    statuses = list(AccountApplication.objects.values_list("pk", "status", "confirmed_at"))
    for method in ("get", "post"):
        response = send(client, method, url)
        assert_handled(response, allowed=(400, 404, 410))
        assert_escaped(response)
    assert list(AccountApplication.objects.values_list("pk", "status", "confirmed_at")) == statuses
