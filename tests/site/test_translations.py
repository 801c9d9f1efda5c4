"""Every user-facing string is translatable and translated.

makemessages runs over a temporary copy of the project, and every msgid it finds must be
present, translated and not fuzzy in both committed catalogues.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGS = {"en": "en", "zh_Hant": "zh_Hant"}


def committed(lang):
    return polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    work = tmp_path_factory.mktemp("i18n")
    for name in ("site45", "templates", "manage.py"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(src, work / name)
    (work / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location", "-v", "0"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "site45.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(work)},
    )
    return {e.msgid for e in polib.pofile(str(work / "locale" / "en" / "LC_MESSAGES" / "django.po")) if e.msgid}


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_extracted_string_is_in_the_catalogue(extracted, lang):
    catalogue = {e.msgid for e in committed(lang) if not e.obsolete}
    missing = sorted(extracted - catalogue)
    assert not missing, f"{lang}: run `make messages` and translate: {missing[:20]}"


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_catalogue_entry_is_translated(lang):
    untranslated = [e.msgid for e in committed(lang) if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not untranslated, f"{lang}: untranslated {untranslated[:20]}"


def test_english_catalogue_is_english():
    """An English msgstr that still holds Chinese characters was not translated."""
    import re

    cjk = re.compile(r"[\u4e00-\u9fff]")
    leftovers = [e.msgid for e in committed("en") if not e.obsolete and cjk.search(e.msgstr)]
    assert not leftovers, leftovers[:20]
