"""Password rules, configured in ``AUTH_PASSWORD_VALIDATORS``.

Django runs every validator whenever a password is chosen through a form or a management
command (the change-password panel of 帳號設定, the single-use set-password link, the user
admin, ``createsuperuser``, ``changepassword``). The password history these check is written
in one place, ``history.record_password``, whenever a user is saved with a new password.

Next to Django's own validators (minimum length 12, similarity to the account's attributes,
Django's list of 20,000 common passwords, all-numeric) these add:

- ``MaximumLengthValidator`` — at most 128 characters (ASVS V2.1.2: at least 64 must be
  allowed, more than 128 may be refused; long inputs cost hashing time);
- ``LocalCommonPasswordValidator`` — Taiwan-context passwords (``data/common-passwords-tw.txt``:
  注音 keyboard typing, 拼音 words and names, keyboard walks, agency words) compared with their
  leading and trailing digits and symbols taken off, so ``wda@2031!`` counts as ``wda``;
- ``PredictablePasswordValidator`` — one part repeated, keyboard walks and sequences, and
  passwords whose letters are only the account name, the site or agency names and a common word;
- ``PasswordHistoryValidator`` — none of the last ``PASSWORD_HISTORY_COUNT`` passwords again.
"""

import gzip
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import patterns
from .models import PasswordHistory

LOCAL_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-tw.txt"

#: words everyone knows belong to this site; a password must not lean on them
SITE_WORDS = ("45plus", "wda", "mol", "gov")

#: fewer letters than this left once the predictable parts are taken out = guessable
MIN_CORE_LETTERS = 4

_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def canonical(password):
    """Lower case without leading and trailing digits and symbols (``Wda@2026!`` → ``wda``)."""
    return _EDGES.sub("", password.strip().lower())


@lru_cache(maxsize=4)
def _read_list(path):
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return frozenset(line.strip().lower() for line in f if line.strip())


def local_common_passwords():
    return _read_list(str(LOCAL_LIST))


DJANGO_LIST = Path(password_validation.__file__).resolve().parent / "common-passwords.txt.gz"


def django_common_passwords():
    """Django's list (the file ``CommonPasswordValidator`` reads), for the letters left over."""
    return _read_list(str(DJANGO_LIST))


class MaximumLengthValidator:
    """At most ``max_length`` characters (default 128)."""

    def __init__(self, max_length=128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("密碼不能超過 %(max_length)d 個字元。"),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self):
        return _("密碼最多 %(max_length)d 個字元，可以使用空格與中文組成較長的通關語句。") % {
            "max_length": self.max_length
        }


class LocalCommonPasswordValidator:
    """Passwords common in Taiwan, from ``data/common-passwords-tw.txt`` (no network look-up)."""

    def __init__(self, password_list_path=None):
        self.password_list_path = str(password_list_path or LOCAL_LIST)

    def _canonical_entries(self):
        return _canonical_set(self.password_list_path)

    def validate(self, password, user=None):
        lowered = password.strip().lower()
        entries = _read_list(self.password_list_path)
        if lowered in entries or canonical(password) in self._canonical_entries():
            raise ValidationError(
                _("這個密碼太常見（常被使用或出現在外洩的密碼清單中），請換一個。"),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("不能使用常見的密碼，例如注音或拼音的常用詞、鍵盤上連續的按鍵，或機關名稱加上年份。")


@lru_cache(maxsize=4)
def _canonical_set(path):
    # Entries shorter than 4 characters once trimmed would match too much; they are still
    # matched as whole passwords.
    return frozenset(c for c in map(canonical, _read_list(path)) if len(c) >= MIN_CORE_LETTERS)


class PredictablePasswordValidator:
    """Repetition, keyboard walks and sequences, and too little that is not predictable."""

    def __init__(self, site_words=SITE_WORDS, min_core_letters=MIN_CORE_LETTERS):
        self.site_words = tuple(site_words)
        self.min_core_letters = min_core_letters

    def validate(self, password, user=None):
        if patterns.is_repetition(password):
            raise ValidationError(
                _(
                    "密碼不能由同一個字元或同一段文字重複組成（例如 aaaa…、abcabc… 或 萬歲萬歲萬歲）；"
                    "重複 3 次以上的字詞只算一次，其餘仍須至少 12 個字元。"
                ),
                code="password_repeated",
            )
        if patterns.is_keyboard_walk(password):
            raise ValidationError(
                _("密碼不能是鍵盤上相鄰的按鍵或連續的字母、數字（例如 1qaz2wsx、qwerty、123456）。"),
                code="password_keyboard_walk",
            )
        core = patterns.core_letters(password, remove=self._predictable_words(user))
        if len(core) < self.min_core_letters or core in django_common_passwords() or core in local_common_passwords():
            raise ValidationError(
                _(
                    "密碼去掉帳號名稱、網站或機關名稱（如 45plus、wda）、數字與符號後，"
                    "剩下的字母太少或是常見字詞，容易被猜中。"
                ),
                code="password_predictable",
            )

    def _predictable_words(self, user):
        words = list(self.site_words)
        username = getattr(user, "username", "") if user is not None else ""
        if username and len(username) >= 3:
            words.append(username)
            words.extend(part for part in re.split(r"[\W_]+", username) if len(part) >= 3)
        return words

    def get_help_text(self):
        return _(
            "不能是重複的字元、鍵盤上連續的按鍵；去掉帳號名稱、網站或機關名稱、數字與符號後，"
            "仍須有至少 %(count)d 個不是常見字詞的字母。"
        ) % {"count": self.min_core_letters}


def history_count():
    return settings.PASSWORD_HISTORY_COUNT


class PasswordHistoryValidator:
    """Not one of the user's last ``PASSWORD_HISTORY_COUNT`` passwords (the current one included).

    The history itself is written by ``history.record_password`` (a ``post_save`` receiver),
    which sees every way a password is stored, ``create_user`` included.
    """

    def __init__(self, count=None):
        self._count = count

    @property
    def count(self):
        return self._count if self._count is not None else history_count()

    def recent_hashes(self, user):
        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.count])
        current = self._current_hash(user)
        if current and current not in hashes:
            hashes.insert(0, current)  # a password set before the history existed
        return hashes[: self.count]

    @staticmethod
    def _current_hash(user):
        from django.contrib.auth import get_user_model

        stored = get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first()
        return stored or ""

    def validate(self, password, user=None):
        if user is None or getattr(user, "pk", None) is None or self.count <= 0:
            return
        if any(check_password(password, encoded) for encoded in self.recent_hashes(user)):
            raise ValidationError(
                ngettext(
                    "新密碼不能與最近 %(count)d 次使用的密碼相同。",
                    "新密碼不能與最近 %(count)d 次使用的密碼相同。",
                    self.count,
                ),
                code="password_reused",
                params={"count": self.count},
            )

    def get_help_text(self):
        return ngettext(
            "不能與最近 %(count)d 次使用的密碼相同。", "不能與最近 %(count)d 次使用的密碼相同。", self.count
        ) % {"count": self.count}
