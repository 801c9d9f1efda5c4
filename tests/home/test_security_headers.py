"""Security headers and the deploy check.

Every response carries the enforced Content-Security-Policy of ``CONTENT_SECURITY_POLICY``
(script-src 'self' only: no inline script, no eval), Permissions-Policy, Referrer-Policy,
nosniff and Cross-Origin-Opener-Policy; nobody may frame the site (X-Frame-Options DENY,
frame-ancestors 'none') except Wagtail's preview, which the editor shows in a same-origin
iframe (SAMEORIGIN, frame-ancestors 'self') — including the real preview, which Wagtail renders
through a second pass of the middleware. No template of ours has an inline script or event
handler. Production settings: HSTS, secure cookies, and ``check --deploy`` reports nothing.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import make_member, make_page
from tests.parallel import private_path

ROOT = Path(__file__).resolve().parents[2]


def policy_of(response):
    assert "Content-Security-Policy-Report-Only" not in response
    return {
        name: value
        for name, _, value in (d.strip().partition(" ") for d in response["Content-Security-Policy"].split(";"))
    }


def assert_strict_policy(policy, ancestors="'none'"):
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval', no host
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == ancestors
    assert policy["style-src"] == "'self' 'unsafe-inline'"  # Wagtail's style="" attributes (documented)
    assert policy["img-src"] == "'self' data: blob:"


@pytest.mark.parametrize(
    "url", ["/", "/search/?q=就業", "/account-application/", "/admin/login/", "/api/v2/pages/", "/no-such-page/"]
)
def test_every_response_carries_the_enforced_policy_and_headers(client, site_tree, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert_strict_policy(policy_of(response))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_signed_in_admin_gets_the_same_policy(client, site_tree):
    client.force_login(make_member("TW-TXG"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_strict_policy(policy_of(response))


def test_wagtails_live_preview_may_be_framed_by_the_site_itself(admin_client, site_tree):
    """The editor's preview iframe: rendered through Wagtail's inner middleware pass, then SAMEORIGIN."""
    page = make_page("hot_news", unit_code="TW-TXG", title="預覽測試頁")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = {
        "title": "預覽測試頁（修改中）",
        "slug": page.slug,
        "summary": "摘要",
        "date": "2026-11-20",
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    state = admin_client.post(url, data).json()
    assert state["is_valid"] is True, state
    response = admin_client.get(url + "?in_preview_panel=true")
    assert response.status_code == 200 and "預覽測試頁（修改中）" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert_strict_policy(policy_of(response), ancestors="'self'")
    assert response["Content-Security-Policy"].count("frame-ancestors") == 1


def test_the_block_preview_may_be_framed_by_the_site_itself(admin_client, site_tree):
    response = admin_client.get("/admin/block-preview/?id=no-such-block")
    assert response.status_code == 404  # the decorator still marks it: SAMEORIGIN → 'self'
    response = admin_client.get("/admin/pages/")
    assert policy_of(response)["frame-ancestors"] == "'none'"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(src=|type=\"application/(ld\+)?json\"))[^>]*>", re.I)
COMMENTS = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.S)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def our_templates():
    folders = [ROOT / "templates", *(ROOT / "site45").glob("*/templates")]
    return sorted(p for folder in folders for p in folder.rglob("*.html"))


def test_no_template_of_ours_has_an_inline_script_or_handler():
    """script-src 'self' would block them: behaviour lives in static files."""
    offenders = []
    for path in our_templates():
        text = COMMENTS.sub("", path.read_text(encoding="utf-8"))
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JAVASCRIPT_URL):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)[:80]}" for m in pattern.finditer(text)]
    assert offenders == []


@pytest.mark.parametrize(
    "code, initialisers",
    [
        ("event", ["initDateTimeChooser"]),
        ("hot_news", ["initDateChooser", "ImageChooser", "DocumentChooser", "InlinePanel"]),
    ],
)
def test_wagtails_inline_initialisers_are_replaced_by_inert_json(admin_client, site_tree, code, initialisers):
    """The editor's date pickers, choosers and inline panels: no inline <script>, csp-init.js loaded."""
    page = make_page(code, unit_code="TW-TXG")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "js/csp-init.js" in html
    for name in initialisers:
        assert f'data-site45-init="{name}"' in html, name
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    inline = [
        body.strip()[:80]
        for attrs, body in scripts
        if "src=" not in attrs and "application/json" not in attrs and body.strip()
    ]
    assert inline == []


# --- production settings ------------------------------------------------------------------------


def run_manage(*args, **env_extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site45.settings.production",
        SECRET_KEY="x7#kQ2!vL9@pR4$wT8^zN1&bM6*cF3(hJ5)dG0_sY2+eU7=aK-Lw3Vq8Zt5Xr1Yp6",
        ALLOWED_HOSTS="45plus.wda.gov.tw",
        DATABASE_URL=f"sqlite:///{private_path('deploy-check.sqlite3')}",
        **env_extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing():
    # Production shares its cache between workers; without REDIS_URL the deploy check warns
    # (tests/core/test_shared_cache.py). The check does not connect.
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", REDIS_URL="redis://127.0.0.1:6379/9")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout


def test_production_settings_harden_transport_and_cookies():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_SSL_REDIRECT','SECURE_HSTS_SECONDS','SECURE_HSTS_INCLUDE_SUBDOMAINS','SESSION_COOKIE_SECURE',"
        "'CSRF_COOKIE_SECURE','SESSION_COOKIE_HTTPONLY','CSRF_COOKIE_HTTPONLY','SESSION_COOKIE_SAMESITE',"
        "'X_FRAME_OPTIONS','SECURE_CONTENT_TYPE_NOSNIFF','SESSION_COOKIE_NAME','CSRF_COOKIE_NAME','DEBUG']}))"
    )
    result = run_manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True and values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax" and values["X_FRAME_OPTIONS"] == "DENY"
    # __Host- cookies: only over HTTPS, only for this host, path / (no subdomain can set them)
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-") and values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert values["DEBUG"] is False


def test_the_admin_works_with_an_httponly_csrf_cookie(client, site_tree, settings):
    """Wagtail's JavaScript takes the token from the page, never from the cookie."""
    assert django_settings.CSRF_COOKIE_HTTPONLY is True
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(make_member("TW-TXG"))
    html = client.get("/admin/").content.decode()
    token = re.search(r'"CSRF_TOKEN":\s*"([^"]+)"', html) or re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', html
    )
    assert token, "the admin page carries its CSRF token"
    response = client.post("/admin/logout/", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
