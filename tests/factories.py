"""Small helpers that build real pages in the real tree (no mocks)."""

import datetime
import io
import itertools
import json
import os
import re
import struct
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Collection, TaskState

from site45.cases.models import (
    FriendlyEmployerPage,
    GenerationCooperationPage,
    LecturePage,
    SuccessCasePage,
)
from site45.governance.accounts.applications import AccountApplication
from site45.governance.models import Membership, Unit
from site45.governance.org import roles
from site45.governance.review.task import UnitReviewTaskState
from site45.home.models import UnitPage
from site45.home.tree import section_for
from site45.news.models import AnnouncementPage, EventPage, HotNewsPage, PressReleasePage
from tests.admin_actions import form_data
from tests.hostile_files import BASIC_MODULE, odf_package

_member_numbers = iter(range(1, 10**9))


def make_member(unit_code, *roles, username=None, account_role="county_officer", is_active=True, **extra):
    """A user of ``unit_code`` holding ``roles`` (e.g. "unit_reviewer"); "editor" unless told otherwise."""
    User = get_user_model()
    user = User.objects.create_user(
        username=username or f"user{next(_member_numbers)}", password="pw-for-tests-only-123", is_active=is_active
    )
    fields = {f"is_{role}": True for role in roles}
    fields.setdefault("is_editor", not roles or "editor" in roles)
    Membership.objects.create(
        user=user, unit=Unit.objects.get(code=unit_code), account_role=account_role, **fields, **extra
    )
    user.refresh_from_db()
    return user


#: The fields each type needs beyond title, so tests can make any type by its matrix code.
REQUIRED_FIELDS = {
    "hot_news": (HotNewsPage, {}),
    "event": (
        EventPage,
        {
            "start_at": lambda: timezone.now() + datetime.timedelta(days=7),
            "end_at": lambda: timezone.now() + datetime.timedelta(days=7, hours=3),
            "venue": "臺中市政府大樓",
            "county": "TW-TXG",
            "organiser": "臺中市政府勞工局",
        },
    ),
    "press_release": (PressReleasePage, {"contact_name": "王小明", "contact_phone": "02-8995-6000"}),
    "announcement": (AnnouncementPage, {}),
    "success_case": (
        SuccessCasePage,
        {
            "person_name": "陳先生",
            "age_band": "45-64",
            "occupation": "保全",
            "employer": "大安保全",
            "county": "TW-TPE",
        },
    ),
    "friendly_employer": (
        FriendlyEmployerPage,
        {
            "company": "好好食品",
            "industry": "食品業",
            "county": "TW-TNN",
            "address": "臺南市東區",
            "practices": "彈性工時",
        },
    ),
    "lecture": (LecturePage, {"speaker": "林老師"}),
    "generation_cooperation": (
        GenerationCooperationPage,
        {"project_name": "老幹新枝計畫", "county": "TW-KHH", "cooperation": "師徒制", "outcome": "留任率提升"},
    ),
}

_counter = iter(range(1, 10**9))


def make_page(code, unit_code="wda-dsted", publish=True, locale=None, **fields):
    model, defaults = REQUIRED_FIELDS[code]
    values = {k: (v() if callable(v) else v) for k, v in defaults.items()}
    values.update(fields)
    values.setdefault("live", publish)
    values.setdefault("title", f"測試{model._meta.verbose_name}{next(_counter)}")
    values.setdefault("slug", f"{code.replace('_', '-')}-{next(_counter)}")
    section = section_for(Unit.objects.get(code=unit_code), locale=locale)
    page = model(**values)
    section.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def forget_cached_pages():
    """After a write that bypasses Django's signals (``QuerySet.update``, raw SQL), start a new
    page-cache generation, as the site's own publish paths do (``site45/pagecache``)."""
    from site45.pagecache.keys import bump

    bump(reason="test wrote rows directly")


SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locs(client):
    """Every <loc> of every part the sitemap index (/sitemap.xml) lists, in order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{{{SITEMAP_NS['sm']}}}sitemapindex"
    locs = []
    for part in index.findall("sm:sitemap/sm:loc", SITEMAP_NS):
        url = urllib.parse.urlsplit(part.text)
        answer = client.get(url.path + (f"?{url.query}" if url.query else ""))
        assert answer.status_code == 200, part.text
        locs += [loc.text for loc in ET.fromstring(answer.content).findall("sm:url/sm:loc", SITEMAP_NS)]
    return locs


# --- the unit review (單位審核) through the admin ---------------------------------------------------

_slugs = itertools.count(1)


def named(user, family, given):
    """``user`` with a Chinese name (family name, given name), as the admin shows it: 王小明."""
    user.last_name, user.first_name = family, given
    user.save(update_fields=["last_name", "first_name"])
    return user


def member(unit_code, *roles, **extra):
    user = make_member(unit_code, *roles, **extra)
    user.email = f"{user.username}@example.test"
    user.save(update_fields=["email"])
    return user


def unit_section(unit_code):
    """A unit's zh-Hant section (單位專區), where its editors create pages."""
    return UnitPage.objects.get(unit__code=unit_code, locale__language_code="zh-hant")


def page_form_data(title, slug, **extra):
    """The admin's form for a hot news page (tests/admin_actions.py fills every type's)."""
    return form_data("hot_news", title, slug, **extra)


def create_and_submit(user, unit_code, title=None):
    """The editor's way: create a hot news draft in the add view, submit it in the edit view.

    Uses its own client, so the editor's flash messages never show on the reviewer's pages.
    """
    client = Client()
    n = next(_slugs)
    title = title or f"臺中就業博覽會{n}"
    slug = f"review-hot-{n}"
    client.force_login(user)
    response = client.post(
        f"/admin/pages/add/news/hotnewspage/{unit_section(unit_code).pk}/", page_form_data(title, slug)
    )
    assert response.status_code == 302, getattr(response, "context", {}) and response.context["form"].errors
    page = HotNewsPage.objects.get(slug=slug)
    assert not page.live
    data = page_form_data(title, slug)
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page


def submit_for_setup(user, unit_code):
    """Setup only (the UI route is tested elsewhere): a draft in moderation."""
    page = make_page("hot_news", unit_code=unit_code, publish=False)
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page


def open_state(page):
    state = UnitReviewTaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)
    return state


def action_url(page, action, state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))


# --- account applications (帳號申請) ----------------------------------------------------------------


def application(unit_code, save=True, **extra):
    """An account application of ``unit_code`` (新增帳號 for a county officer), validated and saved."""
    fields = dict(
        application_date=datetime.date(2026, 3, 2),
        unit=Unit.objects.get(code=unit_code),
        contact_name="林窗口",
        contact_phone="04-2228-9111",
        contact_email="window@taichung.gov.tw",
        change_type=AccountApplication.NEW,
        account_name=f"new-{unit_code.lower()}-{AccountApplication.objects.count()}",
        account_role="county_officer",
        perm_editor=True,
        user_name="陳小華",
        user_title="科員",
        user_phone="04-2228-9111#123",
        user_email="hua@taichung.gov.tw",
        declaration_agreed=True,
        supervisor_name="王科長",
        supervisor_approved_on=datetime.date(2026, 3, 2),
    )
    fields.update(extra)
    app = AccountApplication(**fields)
    if save:
        app.full_clean()
        app.save()
    return app


def application_admin_url(name, *args):
    return reverse(f"account_applications:{name}", args=args)


def paper_application_form(unit, **extra):
    """The admin's form for an application received on paper, filled in."""
    data = {
        "application_date": "2026-03-02",
        "unit": unit.pk,
        "contact_name": "紙本窗口",
        "contact_phone": "04-1234-5678",
        "contact_email": "paper@taichung.gov.tw",
        "change_type": "new",
        "account_name": "paper-new-user",
        "account_role": "county_officer",
        "perm_editor": "on",
        "user_name": "紙本申請人",
        "user_title": "約僱人員",
        "user_phone": "04-1234-5678",
        "user_email": "paper-user@taichung.gov.tw",
        "declaration_agreed": "on",
        "supervisor_name": "張主任",
        "supervisor_approved_on": "2026-03-02",
    }
    data.update(extra)
    return data


# --- the user admin (帳號管理) --------------------------------------------------------------------

#: The user admin (a UserViewSet with membership fields): its add view and a user's edit view.
ADD_URL = "/admin/users/new/"


def edit_url(user):
    return f"/admin/users/edit/{user.pk}/"


def user_post(username="newuser", unit="TW-TXG", password=True, **membership):
    """POST data for the user form; roles are given as role codes in ``roles``."""
    role_codes = membership.pop("roles", ("editor",))
    data = {
        "username": username,
        "email": f"{username}@example.gov.tw",
        "first_name": "小明",
        "last_name": "王",
        "unit": Unit.objects.get(code=unit).pk,
        "account_role": membership.pop("account_role", "county_officer"),
        "account_role_other": membership.pop("account_role_other", ""),
        "is_active": "on",
    }
    if password:
        data.update(password1="Correct-horse-battery-9", password2="Correct-horse-battery-9")
    for code in role_codes:
        data[roles.ROLE_FIELDS[code]] = "on"
    data.update(membership)
    return data


def edit_post(user, **overrides):
    membership = Membership.objects.get(user=user)
    data = user_post(
        username=user.username,
        unit=membership.unit.code,
        password=False,
        roles=roles.roles_of(membership),
        account_role=membership.account_role,
        account_role_other=membership.account_role_other,
    )
    if membership.departure_date:
        data["departure_date"] = membership.departure_date.isoformat()
    data.update(overrides)
    return data


# --- the public account-application form (帳號使用（停用）申請) ------------------------------------------

FILING_FORM_URL = "/account-application/"


def filing_form_data(unit_code="TW-TXG", **extra):
    """The public 帳號使用（停用）申請 form, filled in by a contact window of ``unit_code``."""
    today = timezone.localdate().isoformat()
    data = {
        "unit": Unit.objects.get(code=unit_code).pk,
        "contact_name": "林窗口",
        "contact_phone": "04-2228-9111#123",
        "contact_email": "window@taichung.gov.tw",
        "change_type": "new",
        "account_name": "txg-new-user",
        "account_role": "county_officer",
        "account_role_other": "",
        "perm_editor": "on",
        "user_name": "陳小華",
        "user_title": "科員",
        "user_phone": "(04)2228-9111 分機 456",
        "user_email": "hua@taichung.gov.tw",
        "declaration_agreed": "on",
        "supervisor_name": "王科長",
        "application_date": today,
        "supervisor_approved_on": today,
    }
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def file_application_form(client, capture, data=None, **meta):
    """POST the public form (``capture``: pytest-django's ``django_capture_on_commit_callbacks``)."""
    with capture(execute=True):
        return client.post(FILING_FORM_URL, data if data is not None else filing_form_data(), **meta)


# --- uploaded files ----------------------------------------------------------------------------------


def odf_bytes(kind="text", macro=False, mimetype_first=True, compress_mimetype=False):
    """An ODF package (``tests.hostile_files.odf_package``), with a Basic macro if ``macro``."""
    extra = [("Basic/Standard/Module1.xml", BASIC_MODULE)] if macro else []
    return odf_package(kind, extra=extra, mimetype_first=mimetype_first, compress_mimetype=compress_mimetype)


def image_bytes(fmt="PNG", size=(64, 48)):
    """A small real image in ``fmt``."""
    image = PILImage.new("RGB", size, (30, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def png_with_header(width, height):
    """A PNG whose IHDR claims ``width`` × ``height`` (valid CRCs) with a tiny, wrong IDAT."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def upload(name, data, content_type="application/octet-stream"):
    """``data`` as a file in a form post."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def root_collection():
    """The pk of Wagtail's root collection."""
    return Collection.get_first_root_node().pk


def add_document(client, name, data):
    """Upload ``data`` in the admin's document add view."""
    return client.post(
        "/admin/documents/add/",
        {"title": f"上傳測試 {name}", "file": upload(name, data), "collection": root_collection()},
    )


def add_image(client, name, data):
    """Upload ``data`` in the admin's image add view."""
    return client.post(
        "/admin/images/add/", {"title": f"上傳測試 {name}", "file": upload(name, data), "collection": root_collection()}
    )


# --- pages as a reader gets them ---------------------------------------------------------------------

#: The ``lang`` attribute of ``<html>`` per language of the site.
LANG_ATTR = {"zh": "zh-Hant-TW", "en": "en"}


def text_of(response):
    """The response as text, with JSON decoded so escaped Chinese can be searched for."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_shell(response, lang, status=200):
    """Status, html lang, the three access keys, the skip link and its target."""
    assert response.status_code == status, response.content[:500]
    html = response.content.decode()
    assert f'<html lang="{LANG_ATTR[lang]}">' in html
    assert re.search(r'<a href="#U" id="AU" accesskey="U" [^>]*title="[^"]+"[^>]*>:::</a>', html)
    assert re.search(r'<a href="#C" id="AC" accesskey="C" [^>]*title="[^"]+"[^>]*>:::</a>', html)
    assert re.search(r'<a href="#Z" id="AZ" accesskey="Z" [^>]*title="[^"]+"[^>]*>:::</a>', html)
    assert '<a class="skip-link" href="#main-content">' in html
    assert 'id="main-content"' in html
    # Nothing is fetched from another host: no CDN, no web fonts, no embeds.
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', html)
    assert "<iframe" not in html
    return html


# --- the admin ---------------------------------------------------------------------------------------


def account_form(user, **extra):
    """The admin's 帳號設定 form of ``user``, as it comes filled in."""
    data = {
        "name_email-first_name": user.first_name,
        "name_email-last_name": user.last_name,
        "locale-preferred_language": "zh-hant",
        "locale-current_time_zone": "Asia/Taipei",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
    }
    data.update(extra)
    return data


def walk(resolver, prefix=""):
    """Every URL pattern under ``resolver``: ``(pattern text, pattern)`` (the URL sweeps walk the same list)."""
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry, text)
        else:
            yield text, entry


#: A URL pattern's parameters: ``<converter:name>`` (groups 1, 2) or a regex ``(?P<name>…)`` (group 3).
URL_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def admin_patterns():
    """``(pattern text, pattern)`` of every URL pattern under ``/admin/``."""
    from django.urls import get_resolver

    return [(text, entry) for text, entry in walk(get_resolver()) if text.lstrip("^").startswith("admin/")]


def view_model(entry):
    """The model a pattern's view is about (a viewset's ``model``), or ``None`` if it does not say."""
    callback = entry.callback
    for source in (getattr(callback, "view_initkwargs", {}) or {}, getattr(callback, "view_class", None)):
        model = source.get("model") if isinstance(source, dict) else getattr(source, "model", None)
        if model is not None and hasattr(model, "_meta"):
            return model
    return None


class VisibleText(HTMLParser):
    """Text nodes and the attributes a user reads or hears (skips script, style, svg, template
    and elements with the ``hidden`` attribute)."""

    HIDDEN = {"script", "style", "svg", "template"}
    READ = {"aria-label", "title", "placeholder", "alt"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self._hidden = [], 0
        self._hidden_tag, self._hidden_depth = None, 0  # the open element marked ``hidden``

    def handle_starttag(self, tag, attrs):
        if self._hidden_tag == tag:
            self._hidden_depth += 1
        elif self._hidden_tag is None and tag not in self.VOID and any(name == "hidden" for name, _ in attrs):
            self._hidden_tag, self._hidden_depth = tag, 1
        if tag in self.HIDDEN:
            self._hidden += 1
        if not self._hidden_tag:
            self.chunks += [value for name, value in attrs if name in self.READ and value]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == self._hidden_tag:
            self._hidden_depth -= 1
            if not self._hidden_depth:
                self._hidden_tag = None

    def handle_data(self, data):
        if not self._hidden and not self._hidden_tag:
            self.chunks.append(data)


def visible_chunks(html):
    """The pieces of ``html`` a user reads or hears, stripped, without the empty ones."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return [chunk.strip() for chunk in parser.chunks if chunk.strip()]


# --- a fresh process -------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_extra):
    """``manage.py *args`` in a fresh process with ``env_extra`` in its environment (and no settings module)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
