"""WCAG 2.1 AA with axe-core in Chromium: zero violations on every public page kind.

The home page, the index of every content type, one detail page of every type, search
results, the site-map page (and the account-application form, once it lands), in zh-Hant and
English, checked by axe-core (the copy bundled in axe-playwright-python) with the WCAG 2.0/2.1
A and AA rules plus ``target-size`` (tap targets of at least 24 × 24 px, WCAG 2.2), in a
1280 × 900 window — and the home page again on a 360 px phone.
"""

import pytest

from site45.governance.org.matrix import CONTENT_TYPE_CODES

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "rules": {"target-size": {"enabled": True}},
}

SEARCH_WORDS = {"zh-hant": "就業", "en": "employment"}

PAGE_KINDS = [
    pytest.param(("home", None), id="home"),
    *[pytest.param(("index", code), id=f"index-{code}") for code in CONTENT_TYPE_CODES],
    *[pytest.param(("detail", code), id=f"detail-{code}") for code in CONTENT_TYPE_CODES],
    pytest.param(("search", None), id="search-results"),
    pytest.param(("site_map", None), id="site-map"),
    pytest.param(("account_application", None), id="account-application"),
]


def language_prefix(language):
    return "" if language == "zh-hant" else f"/{language}"


def url_of(kind, code, language):
    """The path of one page of ``kind`` in ``language``, found in the demo site."""
    from site45.home.models import ContentIndexPage, SiteMapPage, content_page_models

    prefix = language_prefix(language)
    if kind == "home":
        return f"{prefix}/"
    if kind == "search":
        return f"{prefix}/search/?q={SEARCH_WORDS[language]}"
    if kind == "account_application":
        return f"{prefix}/account-application/"
    if kind == "site_map":
        page = SiteMapPage.objects.live().get(locale__language_code=language)
    elif kind == "index":
        page = ContentIndexPage.objects.live().get(locale__language_code=language, matrix_code=code)
    else:
        page = content_page_models()[code].listing().filter(locale__language_code=language).first()
        assert page is not None, f"the demo site has no live {code} page in {language}"
    return page.url


def axe_violations(page):
    """axe-core's violations on the page as it is now, as readable lines (empty when none)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS).response
    lines = []
    for violation in results["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"       {summary_line}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return lines


def check(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    problems = axe_violations(page)
    if problems:
        pytest.fail(
            f"axe-core: WCAG violations on {path} ({page.viewport_size['width']}px):\n" + "\n".join(problems),
            pytrace=False,
        )


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_wcag_violations(page, kind, language, live_server):
    what, code = kind
    path = url_of(what, code, language)
    if what == "search":
        page.goto(path)
        assert page.locator(".search-results .card").count() > 0, f"{path} found nothing to check"
    check(page, path)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_no_wcag_violations_on_the_phone_home_page(new_context, language, live_server):
    page = new_context(width=360, height=800).new_page()
    check(page, f"{language_prefix(language)}/")
