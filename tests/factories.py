"""Small helpers that build real pages in the real tree (no mocks)."""

import datetime
import urllib.parse
import xml.etree.ElementTree as ET

from django.utils import timezone

from site45.cases.models import (
    FriendlyEmployerPage,
    GenerationCooperationPage,
    LecturePage,
    SuccessCasePage,
)
from site45.governance.models import Unit
from site45.home.tree import section_for
from site45.news.models import AnnouncementPage, EventPage, HotNewsPage, PressReleasePage

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
        {"person_name": "陳先生", "age_band": "45-64", "occupation": "保全", "employer": "大安保全", "county": "TW-TPE"},
    ),
    "friendly_employer": (
        FriendlyEmployerPage,
        {"company": "好好食品", "industry": "食品業", "county": "TW-TNN", "address": "臺南市東區", "practices": "彈性工時"},
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
