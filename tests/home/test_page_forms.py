"""A new content page's defaults in the admin (site45/home/page_forms.py, slugs.py): the county of
the unit's section, and a short dated slug for a Chinese title. Through Wagtail's real add and
edit views."""

import json
import re

import pytest
from django.test import Client
from wagtail.models import Page

from site45.home.models import UnitPage
from site45.home.page_forms import SLUG_HELP
from site45.home.slugs import MAX_DATED_SLUG_LENGTH, dated_base, dated_slug
from site45.news.models import EventPage, HotNewsPage
from tests.admin_actions import add_url, edit_url, form_data
from tests.factories import make_member, make_page

pytestmark = pytest.mark.django_db


def section(unit_code):
    return UnitPage.objects.get(unit__code=unit_code, locale__language_code="zh-hant")


def editor_client(unit_code):
    client = Client()
    client.force_login(make_member(unit_code, "editor"))
    return client


def create(client, code, unit_code, title, slug, **extra):
    response = client.post(add_url(code, section(unit_code)), form_data(code, title, slug, **extra))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return Page.objects.get(title=title).specific


# --- the county (縣市) of the unit's section ---------------------------------------------------------


@pytest.mark.parametrize(
    ("unit_code", "county"),
    [
        ("TW-TXG", "TW-TXG"),  # a county government
        ("TW-KHH-silver-1", "TW-KHH"),  # a silver point inside Kaohsiung
        ("TW-TXG-station-1", "TW-TXG"),  # a service station inside Taichung
        ("br-ccn", ""),  # a branch: no county
        ("br-ccn-ec-taichung", ""),  # a branch's employment centre: no county either
        ("wda-dsted", ""),  # headquarters
    ],
)
def test_the_event_add_form_starts_with_the_county_of_the_units_section(unit_code, county):
    response = editor_client(unit_code).get(add_url("event", section(unit_code)))
    assert response.status_code == 200
    assert (response.context["form"].initial.get("county") or "") == county
    selected = re.findall(r'<option value="([^"]*)" selected>', _select(response, "county"))
    assert selected == [county]


def _select(response, name):
    found = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S)
    assert found, name
    return found.group(0)


def test_the_editor_may_choose_another_county_and_it_is_stored():
    client = editor_client("TW-TXG")
    page = create(client, "event", "TW-TXG", "彰化銀髮市集", "changhua-market", county="TW-CHA")
    assert page.county == "TW-CHA"
    assert page.unit.code == "TW-TXG"


def test_a_type_without_county_gets_none_from_the_section():
    response = editor_client("TW-TXG").get(add_url("hot_news", section("TW-TXG")))
    assert response.status_code == 200
    assert "county" not in response.context["form"].fields
    assert HotNewsPage.defaults_from_section(section("TW-TXG")) == {}


# --- the slug (網址代稱) of a new page --------------------------------------------------------------


def test_a_chinese_title_with_the_slug_left_empty_gets_a_short_dated_slug_unique_on_the_day():
    client = editor_client("TW-TXG")
    base = dated_base("event")
    first = create(client, "event", "TW-TXG", "臺中市中高齡就業博覽會暨銀髮人才媒合活動", "")
    second = create(client, "event", "TW-TXG", "臺中市中高齡就業博覽會暨銀髮人才媒合活動（第二場）", "")
    third = create(client, "event", "TW-TXG", "臺中市中高齡就業博覽會暨銀髮人才媒合活動（第三場）", "")
    assert [first.slug, second.slug, third.slug] == [base, f"{base}-2", f"{base}-3"]
    for page in (first, second, third):
        assert page.slug.isascii() and len(page.slug) <= MAX_DATED_SLUG_LENGTH
        assert page.url_path.endswith(f"/{page.slug}/")


def test_the_slug_the_browser_made_of_a_chinese_title_becomes_the_dated_slug():
    # With Unicode slugs allowed, Wagtail's w-slug controller fills the slug with the title's characters.
    page = create(editor_client("TW-TXG"), "event", "TW-TXG", "銀髮 就業 講座", "銀髮-就業-講座")
    assert page.slug == dated_base("event")


def test_a_dated_slug_taken_since_the_form_was_drawn_moves_to_the_next_free_one():
    client = editor_client("TW-TXG")
    base = dated_base("hot_news")
    make_page("hot_news", unit_code="TW-TXG", slug=base)
    # Another editor's form was drawn before that page existed, so the browser offered ``base``.
    page = create(client, "hot_news", "TW-TXG", "另一則熱門消息", base)
    assert page.slug == f"{base}-2"


def test_an_ascii_slug_the_editor_typed_is_kept():
    page = create(editor_client("TW-TXG"), "event", "TW-TXG", "臺中就業博覽會", "taichung-job-fair-2026")
    assert page.slug == "taichung-job-fair-2026"


def test_a_typed_slug_already_in_use_is_still_refused_with_wagtails_message():
    client = editor_client("TW-TXG")
    make_page("event", unit_code="TW-TXG", slug="job-fair")
    response = client.post(add_url("event", section("TW-TXG")), form_data("event", "臺中就業博覽會", "job-fair"))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


def test_the_add_form_offers_the_dated_slug_to_the_browser_for_a_chinese_title():
    base = dated_base("event")
    make_page("event", unit_code="TW-TXG", slug=base)
    response = editor_client("TW-TXG").get(add_url("event", section("TW-TXG")))
    slug_field = response.context["form"].fields["slug"]
    assert not slug_field.required
    assert str(SLUG_HELP) in str(slug_field.help_text)
    attrs = slug_field.widget.attrs
    assert attrs["data-controller"] == "w-slug"
    [[regex, replacement]] = json.loads(attrs["data-w-slug-formatters-value"])
    assert replacement == f"{base}-2"
    assert re.fullmatch(regex[0], "臺中就業博覽會", re.S) and not re.fullmatch(regex[0], "Job fair", re.S)
    assert "data-w-slug-formatters-value" in response.content.decode()


def test_an_existing_pages_slug_is_never_rewritten():
    page = make_page("event", unit_code="TW-TXG", slug="舊的中文代稱", publish=False)
    client = editor_client("TW-TXG")
    response = client.get(edit_url(page))
    assert "data-w-slug-formatters-value" not in response.content.decode()
    response = client.post(edit_url(page), form_data("event", page.title, page.slug))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.slug == "舊的中文代稱"
    # An existing page's slug stays required, as Wagtail has it.
    response = client.post(edit_url(page), form_data("event", page.title, ""))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    page.refresh_from_db()
    assert page.slug == "舊的中文代稱"


def test_a_page_added_in_code_without_a_slug_gets_the_dated_slug_not_its_title():
    page = EventPage(
        title="高雄銀髮就業講座",
        start_at="2026-03-01T09:00+08:00",
        end_at="2026-03-01T12:00+08:00",
        venue="高雄市政府",
        county="TW-KHH",
        organiser="高雄市政府勞工局",
    )
    section("TW-KHH").add_child(instance=page)
    assert page.slug == dated_base("event")


def test_the_longest_dated_slug_fits_the_stated_length():
    longest = max(("generation_cooperation", "friendly_employer", "press_release"), key=len)
    assert len(f"{dated_base(longest)}-999") <= MAX_DATED_SLUG_LENGTH


def test_the_free_dated_slug_is_found_in_one_query_however_many_are_taken(django_assert_num_queries):
    base = dated_base("event")
    for slug in (base, f"{base}-2", f"{base}-3", f"{base}-5"):
        make_page("event", unit_code="TW-TXG", slug=slug)
    parent = section("TW-TXG")
    with django_assert_num_queries(1):
        assert dated_slug(parent, "event") == f"{base}-4"


def test_the_add_form_asks_two_queries_for_the_county_and_one_for_the_slug(django_assert_max_num_queries):
    make_page("event", unit_code="TW-TXG-silver-1", slug=dated_base("event"))
    client = editor_client("TW-TXG-silver-1")
    url = add_url("event", section("TW-TXG-silver-1"))
    client.get(url)  # warm the caches (content types, site root paths)
    with django_assert_max_num_queries(35) as captured:
        client.get(url)
    units = [q["sql"] for q in captured.captured_queries if 'FROM "governance_unit"' in q["sql"]]
    # The section's unit and the county unit above it.
    assert len(units) == 2, units
    # SQLite writes ``"slug" LIKE``, PostgreSQL ``"slug"::text LIKE``.
    dated = [q["sql"] for q in captured.captured_queries if re.search(r'"slug"(::text)? LIKE', q["sql"])]
    assert len(dated) == 1, dated
