"""Two-factor sign-in: who needs it, devices, recovery codes, verification, reset.

Built on django-otp: a confirmed ``TOTPDevice`` (an authenticator app, RFC 6238, 6 digits,
30 s) is what "has two-factor sign-in" means; a ``StaticDevice`` named ``recovery`` holds the
recovery codes, each usable once, stored only as hashes (``hash_recovery_code``).

Set-up is bound to the session that opened it: every opening of the set-up
page makes a new secret and drops the unconfirmed ones before it; only the device whose id this
session holds can be confirmed; a sign-in discards every unconfirmed device of the account. So
someone who once had the password and opened set-up holds a secret that never becomes the
account's. The user is mailed (``notices``) when a device is confirmed, reset or removed and
when a recovery code is used. django-otp's ``OTPMiddleware`` marks the session verified
(``request.user.is_verified()``) once ``otp_login`` has been called with a device; its
throttling doubles the wait after each wrong code (1, 2, 4, 8 … seconds), per device.

The views and the gate middleware only call the functions here.
"""

import hashlib
import secrets
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from site45.core.account_policy import ADMINISTER_SYSTEM, account_policy

from . import log_actions, notices

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
#: where the session keeps the id of the device it is setting up
PENDING_DEVICE_SESSION_KEY = "credentials_pending_device"


# --- who ---------------------------------------------------------------------------------------


def required_by_role(user):
    """The roles that must (governance's ``roles.TWO_FACTOR_ROLES``: system administrator, account
    manager, account auditor, and superusers), asked through the account policy."""
    return account_policy().two_factor_required_by_role(user)


def two_factor_required(user):
    """Must set up two-factor sign-in before using the admin (``TWO_FACTOR_REQUIRED`` on)."""
    return bool(settings.TWO_FACTOR_REQUIRED) and required_by_role(user)


def has_two_factor(user):
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def may_reset_two_factor(actor, target):
    """The system administrator for anyone; an account manager for the accounts routed to them
    (the account policy's ``accounts_managed_by``: governance's ``routing``).

    Nobody resets their own (that is 帳號設定 → 更換驗證裝置, which asks for a current code);
    an account manager does not reset superusers or the system administrator.
    """
    if actor.pk == target.pk or not actor.is_authenticated:
        return False
    if account_policy().user_can(actor, ADMINISTER_SYSTEM):
        return True
    if target.is_superuser or account_policy().user_can(target, ADMINISTER_SYSTEM):
        return False
    return target.pk in _managed_ids(actor)


def accounts_resettable_by(actor):
    """The accounts with two-factor sign-in whose devices ``actor`` may reset (same rule as above)."""
    resettable = (
        account_policy()
        .accounts_managed_by(actor)
        .filter(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id"))
        .exclude(pk=actor.pk)
    )
    if not account_policy().user_can(actor, ADMINISTER_SYSTEM):
        administrators = account_policy().users_who_can(ADMINISTER_SYSTEM).values("pk")
        resettable = resettable.filter(is_superuser=False).exclude(pk__in=administrators)
    return resettable


def _managed_ids(actor):
    """Ids of the accounts ``actor`` manages, read once per actor object (the user listing asks per row)."""
    cached = getattr(actor, "_credentials_managed_ids", None)
    if cached is None:
        cached = frozenset(account_policy().accounts_managed_by(actor).values_list("pk", flat=True))
        try:
            actor._credentials_managed_ids = cached
        except AttributeError:
            pass
    return cached


# --- setting up ----------------------------------------------------------------------------------


def begin_set_up(request):
    """A new unconfirmed device with a new secret, for this session only (each opening of set-up).

    Earlier unconfirmed devices of the account are dropped: a secret someone saw on another
    opening (or in another session) can never be confirmed.
    """
    with transaction.atomic():
        discard_unconfirmed(request.user)
        device = TOTPDevice.objects.create(user=request.user, name=TOTP_DEVICE_NAME, confirmed=False)
    request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def pending_authenticator(request):
    """The unconfirmed device this session is setting up, or ``None`` (none opened, or replaced)."""
    pk = request.session.get(PENDING_DEVICE_SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first()


def discard_unconfirmed(user, **kwargs):
    """Drop every device of ``user`` still being set up (also the ``user_logged_in`` receiver)."""
    if user is not None and user.pk:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()


def secret_text(device):
    """The secret as people type it into an app: base32 in groups of four."""
    raw = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device):
    """The ``otpauth://`` URI as an inline SVG QR code (made here, nothing fetched)."""
    import segno

    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def confirm_authenticator(request, device, code):
    """Confirm ``device`` with a code from the app: ``(recovery codes, "")`` or ``(None, error)``."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=request.user, confirmed=False).first()
        if device is None:  # set-up was opened again elsewhere meanwhile
            return None, _("設定頁已更新，請重新掃描下方 QR 碼後再輸入驗證碼。")
        wait = _throttled(device)
        if wait:
            return None, wait
        if not device.verify_token(normalise(code)):
            return None, _("驗證碼不正確，請確認手機時間正確後，輸入 App 目前顯示的數字。")
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        codes = renew_recovery_codes(request.user)
        account_policy().log_event(
            request.user,
            log_actions.TWO_FACTOR_SET_UP,
            by=request.user,
            reason=_("使用者以驗證器 App 設定兩步驟驗證。"),
        )
    request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
    mark_verified(request, device)
    notices.two_factor_set_up(request.user)
    return codes, ""


def hash_recovery_code(code):
    """What is stored for a recovery code: 16 upper-case base32 characters of its SHA-256.

    A code is 80 random bits, so a fast hash is enough (nobody can try 2**80 codes), and an
    unkeyed one keeps the codes valid when ``SECRET_KEY`` rotates. Upper case never equals a
    typed code (``normalise`` lower-cases), so a stolen hash cannot be typed as a code.
    """
    digest = hashlib.sha256(b"site45-recovery-code:" + normalise(code).encode("ascii", "ignore")).digest()
    return b32encode(digest).decode("ascii")[:16]


def renew_recovery_codes(user):
    """Replace the user's recovery codes with ``RECOVERY_CODE_COUNT`` new ones; returns them.

    Each code is 16 base32 characters (80 random bits), shown as ``abcd-efgh-ijkl-mnop``, and
    stored only as ``hash_recovery_code``.
    """
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    raw = [b32encode(secrets.token_bytes(10)).decode("ascii").lower() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=hash_recovery_code(token)) for token in raw)
    return ["-".join(token[i : i + 4] for i in range(0, 16, 4)) for token in raw]


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


# --- signing in ----------------------------------------------------------------------------------


def normalise(code):
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


class Verification:
    """The outcome of one code: ``ok``, or a zh-Hant ``error`` (wrong, or wait ``seconds``)."""

    def __init__(self, device=None, error="", recovery=False):
        self.device, self.error, self.recovery = device, error, recovery

    @property
    def ok(self):
        return self.device is not None


def _throttled(device):
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    from django.utils import timezone

    locked_until = (data or {}).get("locked_until")
    seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
    return _("錯誤次數過多，請於 %(seconds)d 秒後再試。") % {"seconds": seconds}


def verify(request, code):
    """Check a code from the app (6 digits) or a recovery code; on success the session is verified."""
    user = request.user
    token = normalise(code)
    recovery = not token.isdigit()
    model = StaticDevice if recovery else TOTPDevice
    extra = {"name": RECOVERY_DEVICE_NAME} if recovery else {}
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True, **extra).order_by("pk").first()
        if device is None:
            return Verification(error=_("驗證碼錯誤，請再試一次。"))
        wait = _throttled(device)
        if wait:
            return Verification(error=wait)
        if not device.verify_token(hash_recovery_code(token) if recovery else token):
            # Said plainly even though the next try must wait a moment: the wait shows if it comes too soon.
            return Verification(error=_("驗證碼錯誤，請再試一次。"))
        if recovery:
            left = recovery_codes_left(user)
            account_policy().log_event(
                user,
                log_actions.RECOVERY_CODE_USED,
                by=user,
                reason=_("以復原碼完成兩步驟驗證，剩餘 %(count)d 組。") % {"count": left},
                remaining=left,
            )
    mark_verified(request, device)
    if recovery:
        notices.recovery_code_used(user, left)
    return Verification(device=device, recovery=recovery)


def mark_verified(request, device):
    """The session is verified from now on; a new session key, as at any change of privilege."""
    request.session.cycle_key()
    otp_login(request, device)


# --- turning off and resetting ---------------------------------------------------------------------


def remove_devices(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def turn_off(request):
    """The user removes their own second factor (to change phones, or because it is optional)."""
    with transaction.atomic():
        remove_devices(request.user)
        account_policy().log_event(
            request.user,
            log_actions.TWO_FACTOR_TURNED_OFF,
            by=request.user,
            reason=_("使用者關閉或更換自己的兩步驟驗證。"),
        )
    notices.two_factor_removed(request.user)


def reset_two_factor(target, by, reason):
    """An account manager or the system administrator removes ``target``'s devices (lost phone).

    The target's sessions are ended too: whoever holds the lost phone and a session must sign
    in again. At the next sign-in the target sets up a new device (if their role requires it).
    """
    with transaction.atomic():
        remove_devices(target)
        account_policy().log_event(target, log_actions.TWO_FACTOR_RESET, by=by, reason=reason)
    account_policy().end_sessions(target)
    notices.two_factor_reset(target)
