"""Fill the zh_Hant catalogue: zh-Hant is the project's source language, so each msgstr is its msgid.

Run by `make messages-update` after makemessages. Entries Django or Wagtail would otherwise
translate differently keep the project's own wording this way.
"""

import sys
from pathlib import Path

import polib

path = Path(sys.argv[1] if len(sys.argv) > 1 else "locale/zh_Hant/LC_MESSAGES/django.po")
catalogue = polib.pofile(str(path))
for entry in catalogue:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalogue.save()
