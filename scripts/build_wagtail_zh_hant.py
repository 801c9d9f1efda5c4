"""Build locale_wagtail/zh_Hant: the Traditional Chinese strings Wagtail 8 does not ship.

Why: Wagtail's zh_Hant catalogues translate only part of the admin (about 1,180 of ~2,000
source strings), so our zh-Hant editors saw English on the dashboard, the page editor, the
workflow side panel and the moderation queue. Django lets a LOCALE_PATHS catalogue fill and
override app catalogues, so we keep the missing strings in our own catalogue instead of
patching site-packages.

For each msgid of the installed admin-facing packages' source (``en``) catalogues, django and
djangojs domains, that no zh_Hant catalogue of that domain translates (missing, empty or fuzzy):

1. the zh_Hans translation converted with OpenCC ``s2twp`` (Taiwan phrasing), then our glossary
   replacements (``GLOSSARY``), unless a reviewed correction exists in ``MANUAL_OVERRIDES``;
2. else the hand translation in scripts/wagtail_zh_hant_manual.py (``MANUAL``);
3. else the string is left out (it stays English) and is counted in the summary.

Wagtail's own zh_Hant entries that break our glossary (發佈 instead of 發布) are re-emitted
with the glossary applied, so one screen never mixes both spellings.

Dev-time only: ``pip install -e ".[i18n-tools]"`` (OpenCC), then

    python scripts/build_wagtail_zh_hant.py
    python manage.py compilemessages -l zh_Hant --ignore .venv --ignore .git

The .po files are committed; the .mo files are built by ``make messages`` like ours.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUTPUT_DIR = BASE_DIR / "locale_wagtail" / "zh_Hant" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")

# Admin-facing packages whose catalogues we complete. modelsearch and django_tasks ship no
# catalogues (checked: no locale/ directory); django-axes and django-otp ship no zh/en
# catalogue. taggit has zh_Hans but no zh_Hant (its "Tags" field is on every image form).
PACKAGES = ("wagtail", "wagtail_localize", "taggit", "modelsearch", "django_tasks")
# Developer-only screens: not installed here, never shown to editors.
SKIPPED_DIRS = ("wagtail/contrib/styleguide",)

# Mainland terms in Wagtail's own zh_Hant (and in conversions s2twp leaves alone), with the word
# Taiwan uses; tests/site/test_admin_taiwan_mandarin.py fails on the left-hand words. Ordered:
# longer patterns first where they overlap. Only in Wagtail's strings: 保存 and 設置 mean "keep"
# and "establish" in ours (保存期限, 設置 1 人).
TAIWAN_TERMS: tuple[tuple[str, str], ...] = (
    ("搜索", "搜尋"),
    ("創建", "建立"),
    ("在用", "已上線"),  # a page's status "live"
    ("用戶名", "使用者名稱"),
    ("用戶組", "使用者群組"),
    ("用戶", "使用者"),
    ("信息", "訊息"),
    ("鏈接", "連結"),
    ("最後保存", "最後儲存"),
    ("已保存", "已儲存"),
    ("保存", "儲存"),
    ("隱蔽設置", "隱私設定"),
    ("隱蔽設定", "隱私設定"),
    ("隱蔽", "隱私"),
    ("重新設置", "重設"),
    ("重置", "重設"),
    ("設置", "設定"),
    ("訪問", "存取"),
    ("帳戶", "帳號"),
    ("支持", "支援"),
    ("全屏", "全螢幕"),
    ("批量", "批次"),
    ("數據", "資料"),
    ("刷新", "重新整理"),
    ("重新加載", "重新載入"),
    ("添加注釋", "新增註解"),
    ("添加", "新增"),
    ("界面", "介面"),
    ("重定向", "重新導向"),
    ("站點", "網站"),
    ("其它", "其他"),
    ("為啥不", "何不"),
    ("默認", "預設"),
    ("視頻", "影片"),
    ("菜單", "選單"),
    ("頁面的Link", "頁面的連結"),
    ("%(time_period)s 前", "%(time_period)s前"),  # 「3 小時前」
)

# Our admin's glossary, applied to everything converted from zh_Hans (and the 發佈 fix to
# Wagtail's own zh_Hant). Ordered: longer patterns first where they overlap.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("釋出", "發布"),  # s2twp turns 发布 (publish) into 釋出 (release)
    ("發佈", "發布"),
    ("稽核", "審核"),  # s2twp turns 审核 (moderation) into 稽核 (audit)
    ("工作流程程", "工作流程"),
    ("工作流", "工作流程"),
    ("修訂版本", "版本"),
    ("修訂版", "版本"),
    ("修訂", "版本"),
    ("程式碼片段", "片段"),
    ("代碼片段", "片段"),
    ("程式碼段", "片段"),
    ("文件夾", "資料夾"),
    ("帳戶", "帳號"),
    ("賬戶", "帳號"),
    ("賬號", "帳號"),
    ("用戶", "使用者"),
    ("視訊", "影片"),
    ("頁面面", "頁面"),
    ("任務", "作業"),  # Wagtail's zh_Hant calls a workflow task 作業
    ("區域設定", "語系"),  # ... and a locale 語系
    ("語言程式碼", "語言代碼"),
    ("許可權", "權限"),  # s2twp's known mis-conversion of 权限
    ("影象", "圖片"),
    ("型別", "類型"),
    ("例項", "實例"),
    ("專案列表", "項目清單"),
    ("回滾至", "還原至"),
    ("計劃", "排程"),  # 计划发布 (scheduled publishing)
    ("訪問", "存取"),
    ("獲取", "取得"),
    ("過濾器", "篩選器"),
    ("過濾", "篩選"),
    ("標記為不活動", "標記為停用"),
    ("標記為活動", "標記為啟用"),
    ("活動狀態", "啟用狀態"),
    ("\u201c", "「"),
    ("\u201d", "」"),
    *TAIWAN_TERMS,
)

# Fixes to Wagtail's own zh_Hant entries: only the publish spelling and plain typos, so that
# its reviewed wording (e.g. 需要修訂 for "Needs changes") is otherwise kept.
ZH_HANT_FIXES: tuple[tuple[str, str], ...] = (
    ("發佈", "發布"),
    ("己核准", "已核准"),
    ("預覧", "預覽"),
    ("登錄", "登入"),  # Taiwan signs in with 登入 (登錄 is the mainland word)
    *TAIWAN_TERMS,
)

PLACEHOLDER_RE = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%[sdifr]|\{[A-Za-z_][A-Za-z0-9_]*\}|\{\d*\}")


def placeholders(text: str) -> Counter:
    """Python %-format, named and brace placeholders in ``text`` (a multiset)."""
    return Counter(PLACEHOLDER_RE.findall(text.replace("%%", "")))


def html_tags(text: str) -> Counter:
    """Opening and closing HTML tags in ``text`` (a hand translation must keep the msgid's)."""
    return Counter(re.findall(r"</?[a-z][a-z0-9]*", text))


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.flags


_LINE_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def read_po(path: Path) -> list[Entry]:
    """A small PO reader (no polib on the machine): keywords, continuation lines, flags."""
    entries: list[Entry] = []
    fields: dict = {}
    flags: set[str] = set()
    last = None

    def flush():
        nonlocal fields, flags, last
        if "msgid" in fields:
            msgstr = [fields[k] for k in sorted(k for k in fields if isinstance(k, int))]
            if "msgstr" in fields:
                msgstr = [fields["msgstr"]]
            entries.append(Entry(fields["msgid"], fields.get("msgctxt"), fields.get("msgid_plural"), msgstr, flags))
        fields, flags, last = {}, set(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                flush()
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith('"'):
            fields[last] += ast.literal_eval(line)
            continue
        match = _LINE_RE.match(line)
        if not match:
            raise ValueError(f"{path}: cannot read line {raw!r}")
        keyword, index, value = match.groups()
        if keyword in ("msgctxt", "msgid") and "msgid" in fields:
            flush()
        last = int(index) if index is not None else keyword
        fields[last] = ast.literal_eval(value)
    flush()
    return entries


def po_string(keyword: str, text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" not in escaped.rstrip("\n"):
        return f'{keyword} "{escaped.replace(chr(10), chr(92) + "n")}"\n'
    parts = escaped.split("\n")
    lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return f'{keyword} ""\n' + "".join(f'"{p}"\n' for p in lines)


def package_dirs() -> list[Path]:
    dirs = []
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            dirs.append(Path(next(iter(spec.submodule_search_locations))))
    return dirs


def catalogues(lang: str, domain: str) -> list[Path]:
    found = []
    for pkg in package_dirs():
        for path in sorted(pkg.glob(f"**/locale/{lang}/LC_MESSAGES/{domain}.po")):
            relative = path.relative_to(pkg.parent).as_posix()
            if not any(relative.startswith(skip) for skip in SKIPPED_DIRS):
                found.append(path)
    return found


def translations(lang: str, domain: str) -> dict[str, Entry]:
    """Every translated (non-empty, non-fuzzy) entry of ``lang`` across the packages."""
    result: dict[str, Entry] = {}
    for path in catalogues(lang, domain):
        for entry in read_po(path):
            if entry.msgid and entry.translated:
                result.setdefault(entry.key, entry)
    return result


def every_translation(lang: str, domain: str) -> dict[str, list[list[str]]]:
    """Each key's translations in every catalogue of ``lang`` (two apps may disagree)."""
    result: dict[str, list[list[str]]] = {}
    for path in catalogues(lang, domain):
        for entry in read_po(path):
            if entry.msgid and entry.translated:
                result.setdefault(entry.key, []).append(entry.msgstr)
    return result


def apply_glossary(text: str, table=GLOSSARY) -> str:
    for old, new in table:
        text = text.replace(old, new)
    return text


def keeps_placeholders(source: Entry, msgstr: list[str]) -> bool:
    wanted = placeholders(source.msgid_plural or source.msgid)
    if source.msgid_plural:
        # Chinese has one plural form, used for every count: it may use any placeholder of
        # either English form (the count the singular spells out as "1", say) and must keep
        # those both forms share.
        singular = set(placeholders(source.msgid))
        allowed, required = set(wanted) | singular, set(wanted) & singular
        return all(required <= set(placeholders(s)) <= allowed for s in msgstr)
    return all(placeholders(s) == wanted for s in msgstr)


def build(domain: str, converter, manual: dict, overrides: dict, stats: Counter, report: list):
    sources: dict[str, Entry] = {}
    for path in catalogues("en", domain):
        for entry in read_po(path):
            if entry.msgid:
                sources.setdefault(entry.key, entry)
    zh_hant = translations("zh_Hant", domain)
    zh_hant_variants = every_translation("zh_Hant", domain)
    zh_hans = translations("zh_Hans", domain)
    out: list[tuple[Entry, list[str]]] = []
    for key, source in sources.items():
        existing = zh_hant.get(key)
        if existing is not None:
            fixed = [apply_glossary(s, ZH_HANT_FIXES) for s in existing.msgstr]
            # Emitted when the glossary changes it, or when another app's catalogue says it
            # otherwise (wagtail.sites: "Site" 站點, wagtail.admin: 網站): which app wins at
            # run time is not the one the first catalogue read here comes from.
            if fixed != existing.msgstr or any(v != fixed for v in zh_hant_variants.get(key, [])):
                out.append((source, fixed[:1]))
                stats[f"{domain}: glossary fix of Wagtail zh_Hant"] += 1
            continue
        msgstr = None
        if key in overrides:
            msgstr, origin = overrides[key], "reviewed override of zh_Hans"
        elif key in zh_hans:
            msgstr = [apply_glossary(converter.convert(s)) for s in zh_hans[key].msgstr]
            origin = "zh_Hans + OpenCC s2twp"
        elif key in manual:
            msgstr, origin = manual[key], "manual"
        if msgstr is None:
            stats[f"{domain}: left in English"] += 1
            report.append(f"{domain}: {key!r}")
            continue
        msgstr = [msgstr] if isinstance(msgstr, str) else list(msgstr)
        msgstr = msgstr[:1]  # nplurals=1
        if not keeps_placeholders(source, msgstr):
            raise SystemExit(f"{domain}: placeholders differ for {key!r}: {msgstr!r} ({origin})")
        hand_made = origin != "zh_Hans + OpenCC s2twp"
        if hand_made and html_tags(msgstr[0]) != html_tags(source.msgid_plural or source.msgid):
            raise SystemExit(f"{domain}: HTML tags differ for {key!r}: {msgstr!r} ({origin})")
        out.append((source, msgstr))
        stats[f"{domain}: {origin}"] += 1
    return out


HEADER = """\
# Traditional Chinese (Taiwan) strings that Wagtail {wagtail} and its admin packages do not ship.
# GENERATED by scripts/build_wagtail_zh_hant.py — do not edit by hand: change the script's
# glossary or scripts/wagtail_zh_hant_manual.py, then run
#   python scripts/build_wagtail_zh_hant.py   (needs: pip install -e ".[i18n-tools]")
# Sources: zh_Hans catalogues converted with OpenCC s2twp, our glossary, hand translations.
msgid ""
msgstr ""
"Project-Id-Version: site45 locale_wagtail\\n"
"PO-Revision-Date: generated\\n"
"Last-Translator: scripts/build_wagtail_zh_hant.py\\n"
"Language-Team: 45+ 就業資源網\\n"
"Language: zh_Hant\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

"""


def write_po(path: Path, rows: list[tuple[Entry, list[str]]], wagtail_version: str):
    chunks = [HEADER.format(wagtail=wagtail_version)]
    for source, msgstr in sorted(rows, key=lambda r: (r[0].msgctxt or "", r[0].msgid)):
        flags = sorted(f for f in source.flags if f.endswith("-format") and not f.startswith("no-"))
        text = f"#, {', '.join(flags)}\n" if flags else ""
        if source.msgctxt is not None:
            text += po_string("msgctxt", source.msgctxt)
        text += po_string("msgid", source.msgid)
        if source.msgid_plural is not None:
            text += po_string("msgid_plural", source.msgid_plural)
            text += po_string("msgstr[0]", msgstr[0])
        else:
            text += po_string("msgstr", msgstr[0])
        chunks.append(text + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(chunks).rstrip("\n") + "\n", encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list the strings left in English")
    args = parser.parse_args(argv)
    try:
        from opencc import OpenCC
    except ImportError:
        sys.exit('OpenCC is missing: pip install -e ".[i18n-tools]"')
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import wagtail
    from wagtail_zh_hant_manual import MANUAL, MANUAL_JS, MANUAL_OVERRIDES

    converter = OpenCC("s2twp")
    stats: Counter = Counter()
    report: list[str] = []
    for domain, manual in (("django", MANUAL), ("djangojs", {**MANUAL, **MANUAL_JS})):
        rows = build(domain, converter, manual, MANUAL_OVERRIDES, stats, report)
        write_po(OUTPUT_DIR / f"{domain}.po", rows, wagtail.__version__)
    for line, count in sorted(stats.items()):
        print(f"{count:5d}  {line}")
    if args.missing:
        print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
