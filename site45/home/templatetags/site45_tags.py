"""Template helpers for the public site: language switch, html lang, owning-unit link."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from site45.home.content_types import CONTENT_TYPE_LABELS
from site45.home.models import UnitPage
from site45.home.navigation import SiteNavigation, navigation

register = template.Library()

#: BCP 47 tags for the ``lang`` attribute (Django's codes are lower-case and Taiwan-less).
HTML_LANG = {"zh-hant": "zh-Hant-TW", "en": "en"}


@register.simple_tag
def html_lang(language_code=None):
    """The ``lang`` attribute value for a Django language code (default: the active one)."""
    code = (language_code or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code.startswith("en"):
        return "en"
    return HTML_LANG.get(code, "zh-Hant-TW")


def _home_url(nav, language_code):
    home = nav.live_home_for(language_code)
    url = home.get_url(nav.request) if home is not None else None
    if url:
        return url
    return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"


def _is_django_view(request):
    """True for views such as search, whose URL exists in every language; False for a
    Wagtail path that did not resolve to a page (a 404), whose translation is unknown."""
    match = getattr(request, "resolver_match", None) if request is not None else None
    return bool(match) and match.url_name != "wagtail_serve"


def _navigation(context, page=None):
    request = context.get("request")
    if request is None:
        return SiteNavigation(None, page=page)
    nav = navigation(request)
    return nav


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: ``{code, name, lang, url, current}``.

    On a Wagtail page the link goes to the live translation of that page, else to that
    language's home page. Elsewhere (search, 404) the current URL is translated by Django.
    """
    current = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    page = context.get("page")
    request = context.get("request")
    nav = _navigation(context, page if isinstance(page, Page) else None)
    translations = {}
    if isinstance(page, Page) and page.pk:
        if nav.page is not None and nav.page.pk == page.pk:
            translations = nav.translations()
        else:
            for other in page.get_translations(inclusive=True).live().select_related("locale"):
                translations[other.locale.language_code.lower()] = other
    links = []
    for code, _name in settings.LANGUAGES:
        code = code.lower()
        info = translation.get_language_info(code)
        url = None
        if code in translations:
            url = translations[code].get_url(request)
        elif page is None and _is_django_view(request):
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != current:
                url = None
        if not url:
            url = _home_url(nav, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "lang": html_lang(code),
                "url": url,
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def owning_section(context, page):
    """The live unit section (單位專區) a content page lives in, or ``None``."""
    parent = _navigation(context).parent(page)
    return parent if parent is not None and parent.specific_class is UnitPage and parent.live else None


@register.simple_tag(takes_context=True)
def type_index(context, page):
    """The live index of a content page's type in its language, or ``None``."""
    return _navigation(context).type_index(page)


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    return _navigation(context).ancestors(page)


@register.filter
def specific_or_self(page):
    return getattr(page, "specific", page)


@register.filter
def is_datetime(value):
    import datetime

    return isinstance(value, datetime.datetime)


@register.simple_tag(takes_context=True)
def site_map_url(context):
    """URL of the 網站導覽 page in the active language (falls back to the zh-Hant one)."""
    page = _navigation(context).site_map_page
    return page.get_url(context.get("request")) if page else ""


@register.filter
def type_label(page):
    """The content type's name (熱門消息, 活動訊息, …) of a content page."""
    return CONTENT_TYPE_LABELS.get(getattr(page, "matrix_code", None) or "", "")


#: Page numbers shown on each side of the current one in a list's pagination.
PAGINATION_NEIGHBOURS = 2


@register.filter
def nearby_page_numbers(page_obj):
    """The page numbers around ``page_obj``'s: a few links, however many pages the list has
    (looping over the whole ``page_range`` in the template cost a step per page)."""
    first = max(1, page_obj.number - PAGINATION_NEIGHBOURS)
    last = min(page_obj.paginator.num_pages, page_obj.number + PAGINATION_NEIGHBOURS)
    return range(first, last + 1)
