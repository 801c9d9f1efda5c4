"""``python manage.py seed_demo``: a complete demo site in one command, safe to run again."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from site45.demo.seed import ADMIN_USERNAME, DemoDataError, seed
from site45.demo.team import TEAM, reviewers_of_submissions, user_password


class Command(BaseCommand):
    help = (
        "Load the units, build the site tree and add demo content in zh-Hant and English, "
        "with images, PDF/ODF attachments and a demo superuser. Idempotent. "
        "The admin password comes from DEMO_ADMIN_PASSWORD (default: demo-45plus-admin)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        with translation.override(settings.LANGUAGE_CODE):
            try:
                result = seed()
            except DemoDataError as error:
                raise CommandError(str(error)) from error
            if options["verbosity"] < 1:
                return
            self._report(result, time.monotonic() - started)

    def _report(self, result, seconds):
        write = self.stdout.write
        write(_("單位：新增 %(count)d 個。") % {"count": result.units_created})
        write(
            _("圖片：新增 %(count)d 張；文件：新增 %(docs)d 份。")
            % {"count": result.images_created, "docs": result.documents_created}
        )
        write(
            _("內容頁（繁體中文）：新增 %(created)d 頁，既有 %(existing)d 頁。")
            % {"created": result.pages_created, "existing": result.pages_existing}
        )
        write(
            _("英文翻譯頁：新增 %(created)d 頁，既有 %(existing)d 頁。")
            % {"created": result.translations_created, "existing": result.translations_existing}
        )
        write(_("搜尋「就業」可找到 %(count)d 個已發布頁面。") % {"count": result.search_hits})
        write(_("完成，耗時 %(seconds).1f 秒。") % {"seconds": seconds})
        write("")
        write(self.style.SUCCESS(_("示範網站已就緒：")))
        write(_("  前台（繁體中文）：%(url)s") % {"url": "http://127.0.0.1:8000/"})
        write(_("  前台（英文）：%(url)s") % {"url": "http://127.0.0.1:8000/en/"})
        write(_("  管理後台：%(url)s") % {"url": "http://127.0.0.1:8000/admin/"})
        write(_("  帳號：%(username)s") % {"username": ADMIN_USERNAME})
        if result.admin_password is not None:
            write(_("  密碼：%(password)s") % {"password": result.admin_password})
        else:
            write(self.style.WARNING(_("  密碼：沿用既有 admin 帳號的密碼（未變更）。")))
        if not result.admin_created:
            write(_("  （admin 帳號原已存在，本次未重設。）"))
        write("")
        write(_("示範帳號（密碼皆為 %(password)s）：") % {"password": user_password()})
        for member in TEAM:
            role = (
                _("單位審核人員")
                if member.reviewer
                else _("帳號申請管理者")
                if member.account_manager
                else _("帳號清查者")
                if member.account_auditor
                else _("一般承辦人員")
            )
            write(
                _("  %(username)s：%(unit)s %(role)s")
                % {"username": member.username, "unit": member.unit_code, "role": role}
            )
        write(_("待審稿件："))
        for slug, reviewer in reviewers_of_submissions().items():
            write(_("  %(slug)s → 審核人員 %(reviewer)s") % {"slug": slug, "reviewer": reviewer or "-"})
