"""Build (or complete) the site tree: home, 單位專區 with one section per unit, an index per
content type, and 網站導覽. Idempotent: existing pages are found by slug and kept.

Used by ``seed_demo`` and by the tests, so both work on the same shape of site.
"""

from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page, Site

from site45.governance.models import Unit
from site45.governance.org.matrix import CONTENT_TYPE_CODES

from .models import (
    CONTENT_TYPE_LABELS,
    ContentIndexPage,
    HomePage,
    SiteMapPage,
    UnitPage,
    UnitsIndexPage,
)

INDEX_SLUGS = {
    "hot_news": "hot-news",
    "event": "events",
    "press_release": "press-releases",
    "announcement": "announcements",
    "success_case": "success-cases",
    "friendly_employer": "friendly-employers",
    "lecture": "lectures",
    "generation_cooperation": "generation-cooperation",
}

SITE_MAP_INTRO = (
    "<p>本網站依照無障礙網頁規範設計，並設有導盲磚（快速鍵）：</p>"
    "<ul><li>Alt+U：跳到網頁上方的主選單區</li>"
    "<li>Alt+C：跳到網頁中間的主要內容區</li>"
    "<li>Alt+Z：跳到網頁下方的頁尾區</li></ul>"
    "<p>使用 Firefox 請按 Shift+Alt+按鍵，macOS 請按 Control+Option+按鍵。"
    "網頁上方的「A− A A+」可以調整文字大小，設定會保留到下次造訪。</p>"
)


def ensure_locales():
    zh, _ = Locale.objects.get_or_create(language_code="zh-hant")
    en, _ = Locale.objects.get_or_create(language_code="en")
    # Wagtail's initial migration creates the root in the default language "en" when the
    # settings are not loaded yet; move the root into zh-hant if it is there.
    root = Page.objects.get(depth=1)
    if root.locale_id != zh.pk:
        Page.objects.filter(depth=1).update(locale=zh)
    return zh, en


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def build_site_tree():
    """Returns the zh-Hant home page of a complete tree (units must be loaded first)."""
    zh, _en = ensure_locales()
    root = Page.objects.get(depth=1)

    with translation.override("zh-hant"):
        # The welcome page Wagtail's first migration makes is replaced by our home.
        for stray in Page.objects.filter(depth=2).not_type(HomePage):
            if stray.specific_class is Page and (stray.slug == "home" or stray.title.startswith("Welcome")):
                stray.delete()

        home = HomePage.objects.filter(depth=2, locale=zh).first()
        if home is None:
            home = HomePage(
                title="45+ 就業資源網",
                slug="home",
                locale=zh,
                intro="中高齡者及高齡者就業促進資源整合網站：工作機會、活動、課程與成功故事，一站找齊。",
            )
            root.add_child(instance=home)
            home.save_revision().publish()

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="45+ 就業資源網"
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = "45+ 就業資源網"
            site.save()

        for code in CONTENT_TYPE_CODES:
            _child(
                home,
                ContentIndexPage,
                INDEX_SLUGS[code],
                title=str(CONTENT_TYPE_LABELS[code]),
                matrix_code=code,
                show_in_menus=True,
            )

        units_index = _child(
            home, UnitsIndexPage, "units", title="單位專區", show_in_menus=True, intro="各單位發布的消息與活動。"
        )
        for unit in Unit.objects.publishing().order_by("code"):
            if not UnitPage.objects.filter(unit=unit, locale=zh).exists():
                _child(units_index, UnitPage, unit.code.lower(), title=unit.name_zh, unit=unit)

        _child(home, SiteMapPage, "site-map", title="網站導覽", intro=SITE_MAP_INTRO)
    return home


def index_for(code, locale=None):
    qs = ContentIndexPage.objects.filter(matrix_code=code)
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs.first()


def section_for(unit, locale=None):
    qs = UnitPage.objects.filter(unit=unit)
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs.first()


ENGLISH_TITLES = {
    "home": "45+ Employment Resource Network",
    "units": "Units",
    "site-map": "Site map",
    **{slug: None for slug in INDEX_SLUGS.values()},
}


@transaction.atomic
def translate_site_tree(language_code="en"):
    """Give ``language_code`` the same skeleton as zh-Hant: home, indexes, unit sections, site map.

    Uses Wagtail's own ``copy_for_translation`` (the mechanism wagtail-localize builds on), so
    each copy is linked to its zh-Hant source by ``translation_key``. Idempotent.
    """
    target = Locale.objects.get(language_code=language_code)
    zh = Locale.objects.get(language_code="zh-hant")
    home = HomePage.objects.get(depth=2, locale=zh)
    skeleton = [home, *home.get_children().specific()]
    units_index = UnitsIndexPage.objects.filter(locale=zh).first()
    if units_index:
        skeleton += list(UnitPage.objects.child_of(units_index).select_related("unit"))

    with translation.override(language_code):
        for page in skeleton:
            if page.get_translations().filter(locale=target).exists():
                continue
            copy = page.copy_for_translation(target, copy_parents=True)
            copy = copy.specific
            copy.title = _english_title(page)
            if isinstance(copy, HomePage):
                copy.intro = "Jobs, events, courses and success stories for job seekers aged 45 and over."
            elif isinstance(copy, SiteMapPage):
                copy.intro = SITE_MAP_INTRO_EN
            copy.save_revision().publish()
    return HomePage.objects.get(depth=2, locale=target)


SITE_MAP_INTRO_EN = (
    "<p>This site follows accessibility guidelines and has access keys:</p>"
    "<ul><li>Alt+U: the main menu at the top</li>"
    "<li>Alt+C: the main content</li>"
    "<li>Alt+Z: the footer</li></ul>"
    "<p>In Firefox press Shift+Alt+key; on macOS Control+Option+key. "
    "Use “A− A A+” at the top of the page to change the text size; the choice is remembered.</p>"
)


def _english_title(page):
    if isinstance(page, UnitPage):
        return page.unit.name_en or page.unit.name_zh
    if isinstance(page, ContentIndexPage):
        with translation.override("en"):
            return str(CONTENT_TYPE_LABELS[page.matrix_code])
    return ENGLISH_TITLES.get(page.slug) or page.title
