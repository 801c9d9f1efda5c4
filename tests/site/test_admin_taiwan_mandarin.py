"""The admin in Taiwanese Mandarin, on every screen each role reaches (issue 15, item 5).

One seeded world per module (``built_once``): a county (TW-TXG) with an editor and its reviewer,
the account manager of its branch (br-ccn), the account auditor and the system administrator
(wda-dsted), every one with a Chinese name; pages live, in moderation and rejected, with
revisions three hours old (relative times); an image and a document; account applications, an
open account audit, calendar days, a redirect, a page locked by the editor; and enough members
for the user list to have a second page. Every admin URL pattern of the resolver (``tests.factories.admin_patterns``, as the
URL sweeps walk them) is filled with the world's keys and requested with GET by each role; the
answers that are screens (200, HTML, or a modal's JSON ``html``) are read as a user reads them
(text, ``aria-label``, ``title``, ``placeholder``, ``alt``, the sidebar's menu) and must show:

(a) no English word outside ``ALLOWED_WORDS`` (abbreviations, product names) and the world's
    own data (account names, e-mail addresses, file names, the units' English names);
(b) no mainland term of ``MAINLAND_TERMS`` (each with the Taiwanese word, and written so that the
    words Taiwan uses in another sense — 保存期限, 由審查單位登錄, 不能設置 — are not caught);
(c) no person's name given name first or with a space (「小明 王」, 「小明王」, 「王 小明」).

Each role is one test that walks all its screens and lists every finding with its URL; what the
system administrator still meets and no catalogue or label fixes is in ``KNOWN_GAPS``, with why.
"""

import datetime
import json
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    Locale,
    Page,
    PageLogEntry,
    Revision,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)

from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.semiannual_audit.audits import open_audit
from site45.governance.calendar.exceptions import CalendarException
from site45.governance.calendar.seed import seed_calendar
from site45.governance.models import Unit
from site45.governance.permissions.unit_media import unit_collection
from tests.db_snapshot import built_once
from tests.factories import (
    URL_PARAM,
    admin_patterns,
    application,
    image_bytes,
    make_member,
    make_page,
    open_state,
    view_model,
    visible_chunks,
)
from tests.hostile_files import pdf_bytes

# --- what must not be shown --------------------------------------------------------------------

#: English a Taiwanese admin shows as it is: abbreviations, formats, product and standard names.
ALLOWED_WORDS = {
    "API",
    "CSV",
    "XLSX",
    "PDF",
    "ODF",
    "ODT",
    "ODS",
    "ODP",
    "ODG",
    "TSV",
    "RSS",
    "URL",
    "ID",
    "HTML",
    "PNG",
    "JPEG",
    "JPG",
    "GIF",
    "WebP",
    "SVG",
    "AVIF",
    "HEIC",
    "QR",
    "TOTP",
    "Wagtail",
    "English",  # the language switcher names each language in itself
    "WCAG",
    "JavaScript",
    "App",  # 驗證器 App
    "Google",
    "Microsoft",
    "Authenticator",
    "FreeOTP",
    "MB",
    "KB",
    "Alt",  # the access keys 導盲磚 Alt+U, Alt+C, Alt+Z
}

#: Mainland terms (left) where Taiwan writes the word on the right. A pattern, not a plain word,
#: where Taiwan uses the same characters in another sense: 保存 (keep: 保存期限、妥善保存),
#: 登錄 (record: 由審查單位登錄、登錄離職日期), 設置 (establish a seat: 不能設置、設置 1 人),
#: 訪問 (a visit, an interview), 支持 (backing), 在用 inside 正在用. Words Taiwan uses as they are
#: are not listed at all: 窗口 (聯繫窗口), 程序 (procedure), 代碼 (語言代碼), 數據, 添加 (添加物),
#: 刷新 (刷新紀錄), 質量, 運行, 布局, 視圖 (the catalogue still writes the admin's own words for them).
MAINLAND_TERMS = {
    "搜索": "搜尋",
    "創建": "建立",
    "用戶": "使用者",
    "信息": "資訊／訊息",
    "視頻": "影片",
    "默認": "預設",
    "缺省": "預設",
    "文件夾": "資料夾",
    "鏈接": "連結",
    "菜單": "選單",
    "賬號": "帳號",
    "帳戶": "帳號",
    "激活": "啟用",
    "導入": "匯入",
    "導出": "匯出",
    "字段": "欄位",
    "屏幕": "螢幕",
    "網絡": "網路",
    r"(?:權限|無法|可以?|繼續|禁止)訪問|訪問(?:權限|該|此)": "存取（訪問 is Taiwan's word for a visit or an interview）",
    r"不支持|支持(?:的|類型)": "支援（支持 is Taiwan's word for backing a cause）",
    "郵箱": "電子郵件信箱",
    "服務器": "伺服器",
    "軟件": "軟體",
    "文檔": "文件",
    "批量": "批次",
    "打印": "列印",
    "全屏": "全螢幕",
    "緩存": "快取",
    "實時": "即時",
    "圖標": "圖示",
    "粘貼": "貼上",
    "頁眉": "頁首",
    "頁腳": "頁尾",
    "博客": "部落格",
    "短信": "簡訊",
    "登陸": "登入",
    r"(?<![正現])在用": "使用中／已上線",
    r"(?<!由審查單位)(?<!已)登錄(?!離職|帳號申請|或調離)": "登入（登錄 is Taiwan's word for recording）",
    r"(?<!能)設置(?!\s*\d+\s*人)(?!「)(?!此角色)": "設定（設置 is Taiwan's word for establishing a seat）",
    r"保存(?!期限|復原碼)(?<!妥善保存)": "儲存（保存 keeps a record: 保存期限）",
}
MAINLAND_RE = [(re.compile(pattern), taiwan) for pattern, taiwan in MAINLAND_TERMS.items()]

#: A piece of data written in Latin letters: an e-mail address, a URL or path, a file name, a
#: time-zone or locale identifier, an ISO date or time.
DATA_RE = re.compile(
    r"[\w.+-]+@[\w.-]+"
    r"|(?:https?://|/)\S*"
    r"|[\w.-]*\.(?:png|jpe?g|gif|webp|pdf|odt|ods|odp|odg|csv|xlsx|svg|avif)\b"
    r"|\b(?:[\w-]+\.)+(?:tw|com|org|net|test)\b"
    r"|\b[A-Z][a-z]+/[A-Za-z_/+-]+\b"
    r"|\bzh-hant\b|\bzh-Hant\b|\ben\b|\blocalhost\b"
    r"|\b(?:[A-Z2-7]{4} ){3,}[A-Z2-7]{4}\b"  # a two-factor secret, in groups of four
    r"|\b[a-z]+\.[a-z]+page\b"  # a page type's identifier (the page types report)
    r"|\b\w+=\w+\b",  # a URL's query
    re.I,
)
WORD_RE = re.compile(r"[A-Za-z]{2,}")

#: English the system administrator still meets, each with why no catalogue or label fixes it
#: (``(URL pattern, finding pattern)``: the findings matching both are left out). The test
#: fails on anything else, so the list only shrinks.
KNOWN_GAPS = {}

# --- the world ----------------------------------------------------------------------------------

#: role -> (unit, governance role, account role, family name, given name)
PEOPLE = {
    "editor": ("TW-TXG", "editor", "county_officer", "王", "小明"),
    "reviewer": ("TW-TXG", "unit_reviewer", "county_supervisor", "陳", "美玲"),
    "account_manager": ("br-ccn", "account_manager", "wda_supervisor", "林", "志豪"),
    "account_auditor": ("wda-dsted", "account_auditor", "wda_supervisor", "張", "淑芬"),
    "system_admin": ("wda-dsted", "system_admin", "wda_supervisor", "李", "建國"),
}
#: More members of the county, for a user list with a second page (Wagtail shows 20 a page).
EXTRA_MEMBERS = [("黃", "雅婷"), ("吳", "家豪"), ("劉", "俊傑"), ("蔡", "宜蓁"), ("楊", "冠宇")] * 5
THREE_HOURS_AGO = datetime.timedelta(hours=3, minutes=5)


def named(unit_code, role, account_role, family, given, username):
    user = make_member(unit_code, role, username=username, account_role=account_role)
    user.last_name, user.first_name, user.email = family, given, f"{username}@example.gov.tw"
    user.save()
    return user


class World:
    def __init__(self, media_root):
        self.media_root = media_root
        self.users = {
            role: named(unit, governance_role, account_role, family, given, f"walk-{role.replace('_', '-')}")
            for role, (unit, governance_role, account_role, family, given) in PEOPLE.items()
        }
        self.extra = [
            named("TW-TXG", "editor", "county_officer", family, given, f"walk-member-{n}")
            for n, (family, given) in enumerate(EXTRA_MEMBERS, 1)
        ]
        editor, reviewer = self.users["editor"], self.users["reviewer"]
        self.live = make_page("hot_news", unit_code="TW-TXG", title="臺中中高齡就業博覽會")
        self.pending = make_page("event", unit_code="TW-TXG", title="臺中銀髮徵才活動")
        self.pending.title = "臺中銀髮徵才活動（更新）"
        self.pending.save_revision(user=editor)
        self.pending.get_workflow().start(self.pending, editor)
        self.rejected = make_page("hot_news", unit_code="TW-TXG", publish=False, title="臺中職缺說明會")
        self.rejected.save_revision(user=editor)
        self.rejected.get_workflow().start(self.rejected, editor)
        state = open_state(self.rejected)
        state.task.specific.on_action(state, reviewer, "reject", comment="日期有誤，請更正。")
        self.section = self.live.get_parent()
        self.state = open_state(self.pending)
        self.workflow_state = self.state.workflow_state
        collection = unit_collection(Unit.objects.get(code="TW-TXG"))
        self.image = Image.objects.create(
            title="博覽會海報",
            file=ContentFile(image_bytes(), name="poster.png"),
            collection=collection,
            uploaded_by_user=editor,
        )
        self.document = Document.objects.create(
            title="活動簡章",
            file=ContentFile(pdf_bytes(), name="brochure.pdf"),
            collection=collection,
            uploaded_by_user=editor,
        )
        self.application = application("TW-TXG", account_name="walk-new-user")
        application("TW-TXG", account_name="walk-member-1", change_type=AccountApplication.SUSPEND, user_name="黃雅婷")
        self.audit = open_audit(self.users["account_auditor"])
        seed_calendar([timezone.localdate().year])
        self.calendar_day = CalendarException.objects.order_by("date").first()
        from wagtail.contrib.redirects.models import Redirect

        self.redirect = Redirect.objects.create(old_path="/old-fair", redirect_page=self.live)
        self._age()

    def _age(self):
        """Every revision, log entry and time stamp three hours old: relative times show."""
        then = timezone.now() - THREE_HOURS_AGO
        Revision.objects.update(created_at=then)
        PageLogEntry.objects.update(timestamp=then)
        Page.objects.update(latest_revision_created_at=then, last_published_at=then, first_published_at=then)
        TaskState.objects.update(started_at=then)
        WorkflowState.objects.update(created_at=then)
        get_user_model().objects.update(last_login=then, date_joined=then - datetime.timedelta(days=40))
        # Locked by the editor: 「鎖定者」 names a person (the explorer, the locked pages report).
        Page.objects.filter(pk=self.live.pk).update(locked=True, locked_by=self.users["editor"], locked_at=then)

    # --- the keys that fill the URL patterns -----------------------------------------------------

    def values(self):
        page = self.pending
        return {
            "page_id": page.pk,
            "page_pk": page.pk,
            "page_to_move_id": page.pk,
            "parent_page_id": self.section.pk,
            "destination_id": self.section.pk,
            "revision_id": page.latest_revision_id,
            "revision_id_a": "live",
            "revision_id_b": "latest",
            "task_state_id": self.state.pk,
            "workflow_state_id": self.workflow_state.pk,
            "task_id": Task.objects.filter(active=True).order_by("-pk").first().pk,
            "workflow_pk": self.workflow_state.workflow_id,
            "image_id": self.image.pk,
            "document_id": self.document.pk,
            "doc_id": self.document.pk,
            "collection_id": self.image.collection_id,
            "redirect_id": self.redirect.pk,
            "action_name": "reject",
            "content_type_app_name": "news",
            "content_type_model_name": "eventpage",
            "app_label": "news",
            "model_name": "eventpage",
            "app_name": "news",
        }

    def pk_of(self, model):
        by_model = [
            (AccountApplication, self.application.pk),
            (type(self.audit), self.audit.pk),
            (CalendarException, self.calendar_day.pk),
            (Unit, Unit.objects.get(code="TW-TXG").pk),
            (get_user_model(), self.users["editor"].pk),
            (Group, Group.objects.filter(name__contains="TW-TXG").first().pk),
            (Workflow, self.workflow_state.workflow_id),
            (Task, Task.objects.filter(active=True).order_by("-pk").first().pk),
            (Locale, Locale.objects.get(language_code="zh-hant").pk),
            (Site, Site.objects.first().pk),
            (Image, self.image.pk),
            (Document, self.document.pk),
            (Page, self.pending.pk),
        ]
        for known, pk in by_model:
            if model is not None and issubclass(model, known):
                return pk
        if model is not None and model.__name__ == "Collection":
            return self.image.collection_id
        return None

    def usernames(self):
        """Account names: of the users, and of the applications (an account still to open)."""
        names = {u.get_username() for u in [*self.users.values(), *self.extra]}
        return names | set(AccountApplication.objects.values_list("account_name", flat=True))

    def names(self):
        """(family, given) of everyone with a name in the world."""
        return [(u.last_name, u.first_name) for u in [*self.users.values(), *self.extra]]

    def proper_names(self):
        """Words of the data in Latin letters: the units' English names and codes."""
        words = set()
        for name, code in Unit.objects.values_list("name_en", "code"):
            words |= set(WORD_RE.findall(f"{name} {code}"))
        return words


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("walk-media")
    with override_settings(MEDIA_ROOT=str(media)):
        with built_once(django_db_blocker, lambda: World(media)) as built:
            yield built


# --- which URLs are screens ---------------------------------------------------------------------

#: Admin URLs that are not screens a user reads: APIs, assets, downloads, POST-only endpoints,
#: previews of the public site, developer views, and URLs whose key is a one-time token.
NOT_SCREENS = re.compile(
    r"^admin/(api/|failwhale|test404|jsi18n|sprite|logout|login|password_reset|dismissibles|"
    r"editing-sessions|block-preview|localize/(?!reports)|tag-autocomplete|"
    r"account/email/confirm|signin/lockouts/unlock|two-factor/(turn-off|reset|verify)|"
    r".*/preview/|.*/export/|.*/signed-form/|.*chooser/chosen|.*/multiple/.+|"
    r".*/(lock|unlock|enable|disable|revert|unschedule)/|\^\.\*/\$)"
)


def fill(template, entry, world):
    """The URL of ``template`` with the world's keys, or ``None`` when it has a key the world lacks."""
    values, model = world.values(), view_model(entry)

    def one(match):
        name = match.group(2) or match.group(3)
        if name in ("pk", "object_id") and "account_audits/" in template:
            value = world.audit.pk  # entries/<pk> lists an audit's entries
        elif name in ("pk", "object_id"):
            value = world.pk_of(model) or world.pk_of(Page if "pages/" in template else None)
        else:
            value = values.get(name)
        if value is None:
            raise LookupError(name)
        return str(value)

    try:
        url = URL_PARAM.sub(one, template)
    except LookupError:
        return None
    url = url.replace("^", "").replace("$", "").replace(r"\.", ".").replace("\\", "")
    return "/" + url


def screens(world):
    """Every admin screen's URL, the world's keys filled in; pagination and search added."""
    urls = []
    for template, entry in admin_patterns():
        if NOT_SCREENS.match(template.lstrip("^")) or template.endswith("results/"):
            continue
        if template.startswith("admin/settings/"):
            continue  # no settings model is registered
        url = fill(template, entry, world)
        if url is not None and "/revisions/compare/" not in url:
            urls.append(url)
    urls += [
        f"/admin/pages/{world.pending.pk}/revisions/compare/live...latest/",
        "/admin/users/?p=2",
        "/admin/pages/search/?q=臺中",
        "/admin/images/?q=海報",
        "/admin/documents/?q=簡章",
        f"/admin/bulk/wagtailcore/page/delete/?id={world.pending.pk}&next=/admin/",
        f"/admin/bulk/auth/user/set_active_state/?id={world.users['editor'].pk}&next=/admin/",
        f"/admin/bulk/wagtailimages/image/add_to_collection/?id={world.image.pk}&next=/admin/",
    ]
    # The two-factor set-up last: it leaves an unconfirmed device behind.
    return sorted(set(urls), key=lambda u: ("two-factor" in u, u))


# --- reading a screen ---------------------------------------------------------------------------


def sidebar_labels(html):
    """The menu's labels and the account's name: the sidebar is drawn from JSON in a script."""
    match = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    if not match:
        return []
    found = []

    def collect(node, parent=""):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and (key == "label" or (parent == "account" and key == "name")):
                    found.append(value)
                else:
                    collect(value, key)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(json.loads(match.group(1)))
    return found


def readable(response):
    """What a user reads on the screen ``response`` is, or ``None`` if it is not a screen."""
    kind = response.get("Content-Type", "")
    if response.status_code != 200 or getattr(response, "streaming", False):
        return None
    if kind.startswith("application/json"):
        html = response.json().get("html") if isinstance(response.json(), dict) else None
        return visible_chunks(html) if html else None
    if not kind.startswith("text/html"):
        return None
    html = response.content.decode()
    return visible_chunks(html) + sidebar_labels(html)


def findings(chunks, world, allowed):
    problems = set()
    text = "\n".join(chunks)
    usernames = re.compile("|".join(re.escape(name) for name in sorted(world.usernames(), key=len, reverse=True)))
    for chunk in chunks:
        plain = DATA_RE.sub(" ", usernames.sub(" ", chunk))
        for word in WORD_RE.findall(plain):
            if word not in allowed:
                problems.add(f"English: {chunk[:80]!r}")
                break
    for pattern, taiwan in MAINLAND_RE:
        for match in pattern.finditer(text):
            around = text[max(0, match.start() - 12) : match.end() + 12].replace("\n", " ")
            problems.add(f"mainland {match.group(0)} (Taiwan: {taiwan}): {around!r}")
    for family, given in world.names():
        for wrong in (f"{given} {family}", f"{given}{family}", f"{family} {given}"):
            if wrong in text:
                problems.add(f"name not family first without a space: {wrong!r}")
    return problems


def walk_as(role, world):
    user = world.users[role]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    allowed = ALLOWED_WORDS | world.proper_names()
    report, reached, shown = [], [], []
    for url in screens(world):
        response = client.get(url)
        if response.status_code >= 500:
            report.append(f"{url}: {response.status_code}")
            continue
        chunks = readable(response)
        if chunks is None:
            continue
        reached.append(url)
        shown.append("\n".join(chunks))
        report += [
            f"{url}: {problem}" for problem in sorted(findings(chunks, world, allowed)) if not known(url, problem)
        ]
    return reached, report, "\n".join(shown)


def known(url, problem):
    return any(re.search(where, url) and re.search(what, problem) for where, what in KNOWN_GAPS)


#: Screens each role must reach (so the walk cannot pass by reaching nothing).
MUST_REACH = {
    "editor": ["/admin/", "/admin/pages/{section}/", "/admin/pages/{pending}/edit/", "/admin/images/"],
    "reviewer": ["/admin/", "/admin/reports/workflow/", "/admin/pages/{pending}/workflow_history/"],
    "account_manager": ["/admin/", "/admin/account_applications/", "/admin/account_applications/inspect/{app}/"],
    "account_auditor": ["/admin/", "/admin/account_audits/", "/admin/account_audits/entries/{audit}/"],
    "system_admin": ["/admin/", "/admin/users/", "/admin/users/?p=2", "/admin/groups/", "/admin/reports/locked/"],
}
#: What some screen of each role shows: relative times, counts and the role's own name, family
#: name first (the account menu).
MUST_SHOW = {
    "editor": [r"\d+\s*小時前", r"共 \d+ 筆", "王小明"],
    "reviewer": [r"\d+\s*小時前", "陳美玲"],
    "account_manager": ["林志豪"],
    "account_auditor": ["張淑芬"],
    "system_admin": [r"\d+\s*小時前", r"第 2 頁", "李建國", "根目錄"],
}


@pytest.mark.parametrize("role", list(PEOPLE))
def test_every_screen_speaks_taiwanese_mandarin(role, world, db):
    started = time.monotonic()
    reached, report, shown = walk_as(role, world)
    keys = {
        "section": world.section.pk,
        "pending": world.pending.pk,
        "audit": world.audit.pk,
        "app": world.application.pk,
    }
    missing = [url.format(**keys) for url in MUST_REACH[role] if url.format(**keys) not in reached]
    assert missing == [], f"{role} did not reach {missing}"
    assert [wanted for wanted in MUST_SHOW[role] if not re.search(wanted, shown)] == []
    assert report == [], f"{role}: {len(reached)} screens, {time.monotonic() - started:.1f} s\n" + "\n".join(report)


class _Named:
    usernames = staticmethod(lambda: {"walk-editor"})
    names = staticmethod(lambda: [("王", "小明")])


@pytest.mark.parametrize(
    "text",
    [
        "搜索條件",
        "已創建",
        "目前頁面狀態：在用",
        "用戶名",
        "你沒有權限訪問",
        "不支持的圖片格式",
        "錯誤信息",
        "系統設置",
        "請登錄",
        "保存草稿",
        "Link text",
        "3 hours ago",
        "共 5 筆None",
        "小明 王",
        "小明王",
        "王 小明",
    ],
)
def test_the_checks_catch_what_they_are_for(text):
    assert findings([text], _Named, ALLOWED_WORDS) != set()


@pytest.mark.parametrize(
    "text",
    [
        "保存期限 180 天",  # 保存: keeping a record
        "我已保存復原碼，繼續",
        "紙本申請，由審查單位登錄",  # 登錄: recording
        "登錄離職或調離日期",
        "臺中市政府不能設置帳號清查者。",  # 設置: establishing a seat
        "系統總管理者全系統限設置 1 人",
        "聯繫窗口確認申請",
        "王小明",
        "walk-editor（walk-editor@example.gov.tw）上傳 poster.png",
        "限 ODF 或 PDF 文件（.pdf、.odt），檔案大小上限 20 MB。",
        "匯出 CSV、XLSX；RSS 與 API",
        "中高齡就業數據分析",
        "食品添加物說明會",
        "刷新紀錄的銀髮職人專訪",
        "感謝各界支持",
        "我們正在用新系統",
    ],
)
def test_the_checks_leave_taiwans_own_words_alone(text):
    assert findings([text], _Named, ALLOWED_WORDS) == set()
