"""Demo accounts: a reviewer and two editors for hq_special, one branch, one
county, and two editors for that county's silver point — plus one submission waiting in each
demo reviewer's queue. The account managers of hq_special and br-ccn and the account auditor,
with two Taichung applications waiting at br-ccn, one of them overdue. Idempotent:
users by username, submissions by slug, applications by account name.
"""

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page

from site45.governance.accounts import lifecycle_log
from site45.governance.accounts.applications import AccountApplication
from site45.governance.models import Membership, Unit
from site45.governance.review.reviewers import resolve_reviewer
from site45.home.tree import section_for
from site45.news.models import HotNewsPage

DEFAULT_USER_PASSWORD = "demo-45plus-user"


@dataclass(frozen=True)
class DemoMember:
    username: str
    unit_code: str
    last_name: str
    first_name: str
    account_role: str
    reviewer: bool = False
    account_manager: bool = False
    account_auditor: bool = False

    @property
    def is_editor(self):
        # Account managers and the auditor handle accounts, not content.
        return not (self.account_manager or self.account_auditor)


TEAM = [
    DemoMember("hq-reviewer", "wda-dsted", "林", "淑芬", "wda_supervisor", reviewer=True),
    DemoMember("hq-editor-1", "wda-dsted", "陳", "志明", "wda_officer"),
    DemoMember("hq-editor-2", "wda-dsted", "黃", "美玲", "wda_officer"),
    DemoMember("ccn-reviewer", "br-ccn", "張", "家豪", "wda_supervisor", reviewer=True),
    DemoMember("ccn-editor-1", "br-ccn", "李", "怡君", "wda_officer"),
    DemoMember("ccn-editor-2", "br-ccn", "王", "建宏", "wda_officer"),
    DemoMember("txg-reviewer", "TW-TXG", "吳", "雅婷", "county_supervisor", reviewer=True),
    DemoMember("txg-editor-1", "TW-TXG", "劉", "俊傑", "county_officer"),
    DemoMember("txg-editor-2", "TW-TXG", "蔡", "佩君", "county_officer"),
    DemoMember("txg-silver-editor-1", "TW-TXG-silver-1", "楊", "秀英", "silver_point_counsellor"),
    DemoMember("txg-silver-editor-2", "TW-TXG-silver-1", "許", "文雄", "silver_point_counsellor"),
    DemoMember("hq-account-manager", "wda-dsted", "周", "志強", "wda_officer", account_manager=True),
    DemoMember("hq-auditor", "wda-dsted", "鄭", "麗華", "wda_officer", account_auditor=True),
    DemoMember("ccn-account-manager", "br-ccn", "謝", "明哲", "wda_officer", account_manager=True),
]

#: (slug, page model, author, title, extra fields) — one waiting submission per demo reviewer.
SUBMISSIONS = [
    ("demo-review-hq", HotNewsPage, "hq-editor-1", "（待審）中高齡就業獎勵措施說明會場次公告", {}),
    ("demo-review-ccn", HotNewsPage, "ccn-editor-1", "（待審）中彰投分署徵才活動預告", {}),
    ("demo-review-txg", HotNewsPage, "txg-editor-1", "（待審）臺中市中高齡職場體驗計畫開放報名", {}),
    ("demo-review-txg-silver", HotNewsPage, "txg-silver-editor-1", "（待審）銀髮人才服務據點電腦課程招生", {}),
]


def user_password():
    return os.environ.get("DEMO_USER_PASSWORD") or DEFAULT_USER_PASSWORD


@transaction.atomic
def ensure_team(admin):
    """Create the demo members (and make ``admin`` the system administrator). Returns new usernames."""
    User = get_user_model()
    hq = Unit.objects.get(code="wda-dsted")
    if (
        not Membership.objects.filter(user=admin).exists()
        and not Membership.objects.filter(is_system_admin=True).exists()
    ):
        Membership.objects.create(
            user=admin, unit=hq, account_role="wda_supervisor", is_system_admin=True, is_editor=False
        )
    created = []
    for member in TEAM:
        user = User.objects.filter(username=member.username).first()
        if user is None:
            user = User.objects.create_user(
                member.username,
                f"{member.username}@example.gov.tw",
                user_password(),
                first_name=member.first_name,
                last_name=member.last_name,
            )
            created.append(member.username)
        if not Membership.objects.filter(user=user).exists():
            membership = Membership(
                user=user,
                unit=Unit.objects.get(code=member.unit_code),
                account_role=member.account_role,
                is_unit_reviewer=member.reviewer,
                is_editor=member.is_editor,
                is_account_manager=member.account_manager,
                is_account_auditor=member.account_auditor,
            )
            membership.full_clean()
            membership.save()
    return created


def ensure_waiting_submissions():
    """One draft per demo reviewer, submitted to the 單位審核 workflow. Returns the slugs made."""
    User = get_user_model()
    made = []
    for slug, model, author_name, title, fields in SUBMISSIONS:
        if Page.objects.filter(slug=slug).exists():
            continue
        author = User.objects.get(username=author_name)
        section = section_for(author.membership.unit, locale=None)
        page = model(
            title=title,
            slug=slug,
            live=False,
            owner=author,
            summary="示範用待審稿件：請以審核人員帳號登入後核准或退回。",
            **fields,
        )
        with transaction.atomic():
            section.add_child(instance=page)
            page.save_revision(user=author)
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, author)
        made.append(slug)
    return made


def reviewers_of_submissions():
    """``{slug: reviewer username}`` as resolve_reviewer answers now (for the printout and tests)."""
    User = get_user_model()
    answer = {}
    for slug, _model, author_name, _title, _fields in SUBMISSIONS:
        author = User.objects.get(username=author_name)
        reviewer = resolve_reviewer(author.membership.unit, author)
        answer[slug] = reviewer.get_username() if reviewer else None
    return answer


#: (requested account name, user name, days since receipt or None for not yet received)
APPLICATIONS = [
    ("txg-new-officer", "示範申請人甲", None),
    ("txg-late-officer", "示範申請人乙", 14),
]


def ensure_demo_applications(today):
    """Two new-account applications of TW-TXG waiting at br-ccn; returns the account names made."""
    import datetime

    made = []
    unit = Unit.objects.get(code="TW-TXG")
    for account_name, user_name, received_days_ago in APPLICATIONS:
        if AccountApplication.objects.filter(account_name=account_name).exists():
            continue
        received = today - datetime.timedelta(days=received_days_ago) if received_days_ago else None
        app = AccountApplication(
            application_date=received or today,
            unit=unit,
            contact_name="示範聯繫窗口",
            contact_phone="04-2228-9111",
            contact_email="window@example.gov.tw",
            change_type=AccountApplication.NEW,
            account_name=account_name,
            account_role="county_officer",
            perm_editor=True,
            user_name=user_name,
            user_title="科員",
            user_phone="04-2228-9111",
            user_email=f"{account_name}@example.gov.tw",
            declaration_agreed=True,
            supervisor_name="示範主管",
            supervisor_approved_on=received or today,
        )
        app.full_clean()
        if received:
            app.status, app.received_date = AccountApplication.RECEIVED, received
        app.save()
        lifecycle_log.log_event(app, lifecycle_log.APPLICATION_FILED, reason="示範資料")
        made.append(account_name)
    return made
