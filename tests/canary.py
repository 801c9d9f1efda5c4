"""Canaries for the sweep of tests/site/test_canary_sweep.py.

One unit of every unit type of Attachment 2 (and the observers' own unit, TW-KHH) gets what a
unit really holds: a never-published draft, a submission pending review, a live page with a
newer draft, a plain live page, documents and images (unused, used only by a draft, used by a
live page), staff accounts, an account application, account-record entries and audit notes.
Everything goes through the code the site uses: pages by ``tests.factories.make_page`` and
Wagtail's workflow, uploads through the admin's own upload views as the unit's editor,
applications and audits by their modules, account events by ``lifecycle_log.log_event``.

**Markers.** Every secret is an ASCII token ``cnry`` + 12 hex digits, written at the *start* of
the text that carries it (a truncated title keeps it; a masked name ``c○○…`` drops it; JSON's
``\\uXXXX`` escapes and URL quoting leave it as it is). Each token is registered with the roles
that may read it; for every other role it is *foreign*. What the public may read (the title of
a live page without a newer draft, a file a live page uses) carries a ``pub`` token, never a
``cnry`` one, so it cannot raise an alarm.
"""

import io
import os
import re
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Revision, Task, TaskState, Workflow, WorkflowState

from site45.governance.accounts import lifecycle_log
from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.jurisdiction import reviewing_unit_for
from site45.governance.accounts.semiannual_audit.audits import AccountAudit, AccountAuditEntry, mark_entries, open_audit
from site45.governance.models import Membership, Unit
from site45.governance.org.roles import role_allowed_at
from site45.governance.permissions.grants import GROUP_PREFIX
from site45.governance.review.workflow_setup import install_unit_review_workflow
from site45.home.models import PageAttachment, UnitPage
from tests.factories import make_member, make_page

TOKEN_RE = re.compile(r"cnry[0-9a-f]{6,12}", re.IGNORECASE)
SEARCH_WORD = "機密"  # in every secret title, never inside a token: a search for it echoes no token

#: One unit of each unit type (the seeded tree's), whose secrets the observers must not read.
CANARY_UNITS = {
    "hq_special": "wda-dsted",
    "hq_division": "wda-planning",
    "branch": "br-ccn",
    "silver_center": "br-ccn-silver",
    "employment_center": "br-ccn-ec-taichung",
    "county": "TW-TXG",
    "silver_point": "TW-TXG-silver-1",
    "service_desk": "TW-TXG-desk-1",
    "commissioned_center": "TW-TXG-cc-1",
    "service_station": "TW-TXG-station-1",
}
#: The observers' own unit (a county in another branch's jurisdiction): seeded too, so its own
#: editor and reviewer meet their own secrets (which are not foreign to them).
OWN_UNIT = "TW-KHH"
#: Units whose objects fill the URL parameters (every seeded unit's markers are looked for in
#: every answer; listings, searches, choosers, feeds and the API meet all of them). Three unit
#: types that differ in what they may publish and who reviews them (hq_special publishes all,
#: a county of another branch, a silver point its county reviews), and the observers' own unit,
#: keep the sweep within CI's budget; ``CANARY_ALL_UNITS=1`` fills with every unit's objects.
FILL_UNITS = {"wda-dsted", "TW-TXG", "TW-TXG-silver-1", OWN_UNIT}
MANAGER_UNIT = "br-kpt"  # the branch with jurisdiction over TW-KHH, not over TW-TXG
AUDITOR_UNIT = "wda-dsted"

ANONYMOUS = "anonymous"
EDITOR = "other-unit-editor"
REVIEWER = "other-unit-reviewer"
MANAGER = "other-branch-account-manager"
AUDITOR = "account-auditor"
ROLES = (ANONYMOUS, EDITOR, REVIEWER, MANAGER, AUDITOR)

#: The unit each signed-in role belongs to.
ROLE_UNITS = {EDITOR: OWN_UNIT, REVIEWER: OWN_UNIT, MANAGER: MANAGER_UNIT, AUDITOR: AUDITOR_UNIT}


def new_token():
    return "cnry" + uuid.uuid4().hex[:12]


def public_token():
    return "pub" + uuid.uuid4().hex[:12]


@dataclass
class Canary:
    token: str
    kind: str
    unit: str
    readers: frozenset


@dataclass
class Seeded:
    """The canaries, the role users and the primary keys that fill URL parameters."""

    canaries: dict = field(default_factory=dict)  # token -> Canary
    users: dict = field(default_factory=dict)  # role -> User
    pks: dict = field(default_factory=dict)  # model -> [pk, ...] of the units in FILL_UNITS
    pages: list = field(default_factory=list)  # canary pages (specific), all states
    sections: list = field(default_factory=list)
    pending: list = field(default_factory=list)  # pages in moderation
    documents: list = field(default_factory=list)
    live_urls: list = field(default_factory=list)  # every live page's URL (filled after seeding)

    def secret(self, kind, unit, readers=(), unit_reads=True):
        """A new token of ``unit`` that its members (if ``unit_reads``) and ``readers`` (role names) may read."""
        token = new_token()
        same_unit = {role for role, code in ROLE_UNITS.items() if code == unit and unit_reads}
        self.canaries[token] = Canary(token, kind, unit, frozenset(same_unit | set(readers)))
        return token

    def foreign_to(self, role):
        return {t: c for t, c in self.canaries.items() if role not in c.readers}

    def add_pk(self, model, pk, unit=None):
        if unit is not None and unit not in FILL_UNITS and not os.environ.get("CANARY_ALL_UNITS"):
            return
        bucket = self.pks.setdefault(model, [])
        if pk not in bucket:
            bucket.append(pk)


def _readers_of_account(unit_code):
    """Who may read an account's name and e-mail (routing.accounts_managed_by, the auditor)."""
    readers = {AUDITOR}
    reviewing = reviewing_unit_for(Unit.objects.get(code=unit_code))
    if reviewing is not None and reviewing.code == MANAGER_UNIT:
        readers.add(MANAGER)
    return readers


class Seeder:
    """Builds the canaries of one unit after another; ``seed()`` is the entry point."""

    def __init__(self):
        self.s = Seeded()
        self.collections = {}

    # --- people --------------------------------------------------------------------------------

    def role_users(self):
        s = self.s
        s.users[EDITOR] = make_member(OWN_UNIT, "editor", username="canary-khh-editor")
        s.users[REVIEWER] = make_member(
            OWN_UNIT, "unit_reviewer", username="canary-khh-reviewer", account_role="county_supervisor"
        )
        s.users[MANAGER] = make_member(
            MANAGER_UNIT, "account_manager", username="canary-kpt-manager", account_role="wda_supervisor"
        )
        s.users[AUDITOR] = make_member(
            AUDITOR_UNIT, "account_auditor", username="canary-auditor", account_role="wda_supervisor"
        )

    def staff(self, unit_code, *roles):
        """A member of ``unit_code`` whose full name and e-mail are secrets (masked elsewhere)."""
        readers = _readers_of_account(unit_code)
        name, mail = self.s.secret("staff name", unit_code, readers), self.s.secret("staff e-mail", unit_code, readers)
        user = make_member(
            unit_code,
            *roles,
            username=f"canary-{unit_code.lower()}-{'-'.join(roles) or 'editor'}",
            account_role="wda_officer" if unit_code.startswith(("wda", "br-")) else "county_officer",
        )
        user.first_name, user.last_name, user.email = name, "機密員", f"{mail}@example.gov.tw"
        user.save()
        self.s.add_pk(get_user_model(), user.pk, unit_code)
        self.s.add_pk(Membership, user.membership.pk, unit_code)
        return user

    # --- uploads, through the admin's own views ---------------------------------------------------

    def upload(self, client, kind, title_token, unit_code, public=False):
        """Upload a document or image as ``client``'s user; its title and file name carry the token."""
        from tests.factories import image_bytes
        from tests.hostile_files import pdf_bytes

        data = {"title": f"{title_token} {'公開' if public else SEARCH_WORD}檔案"}
        if (client, kind) not in self.collections:  # the collection the upload form offers first
            form = client.get(f"/admin/{kind}/add/").content.decode()
            select = re.search(r'<select name="collection".*?</select>', form, re.S)
            options = re.findall(r'<option value="(\d+)"', select.group(0)) if select else []
            self.collections[(client, kind)] = options[0] if options else None
        if self.collections[(client, kind)]:
            data["collection"] = self.collections[(client, kind)]
        if kind == "documents":
            data["file"] = SimpleUploadedFile(f"{title_token}.pdf", pdf_bytes(), content_type="application/pdf")
        else:
            data["file"] = SimpleUploadedFile(f"{title_token}.png", image_bytes(), content_type="image/png")
        response = client.post(f"/admin/{kind}/add/", data)
        assert response.status_code == 302, f"upload of {kind} refused: {response.content[:400]!r}"
        model = Document if kind == "documents" else Image
        obj = model.objects.get(title=data["title"])
        self.s.add_pk(model, obj.pk, unit_code)
        if model is Document and (unit_code in FILL_UNITS or os.environ.get("CANARY_ALL_UNITS")):
            self.s.documents.append(obj)
        return obj

    def media(self, client, unit_code):
        """Secret: unused, used only by a never-published draft, only by a live page's newer draft.
        Public: used by a live page."""
        secret = lambda kind: self.s.secret(kind, unit_code)  # noqa: E731
        made = {}
        for use in ("unused", "draft-only", "newer-draft-only"):
            made[f"document {use}"] = self.upload(client, "documents", secret(f"document ({use})"), unit_code)
            made[f"image {use}"] = self.upload(client, "images", secret(f"image ({use})"), unit_code)
        made["document live"] = self.upload(client, "documents", public_token(), unit_code, public=True)
        made["image live"] = self.upload(client, "images", public_token(), unit_code, public=True)
        return made

    # --- pages ---------------------------------------------------------------------------------

    def page(self, page):
        page = page.specific
        code = page.unit.code
        if code in FILL_UNITS or os.environ.get("CANARY_ALL_UNITS"):
            self.s.pages.append(page)
        self.s.add_pk(Page, page.pk, code)
        for pk in Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True):
            self.s.add_pk(Revision, pk, code)
        return page

    def pages(self, unit_code, editor, media):
        s = self.s
        secret = lambda kind: s.secret(kind, unit_code)  # noqa: E731

        # A never-published draft, with a draft-only image and document.
        draft = make_page(
            "hot_news",
            unit_code=unit_code,
            publish=False,
            title=f"{secret('never-published draft title')} {SEARCH_WORD}草稿",
            slug=secret("never-published draft slug"),
            summary=f"{secret('never-published draft body')} {SEARCH_WORD}內文",
            cover_image=media["image draft-only"],
        )
        draft.attachments = [PageAttachment(document=media["document draft-only"], title="")]
        draft.save_revision(user=editor)
        self.page(draft)

        # A submission pending review, started the way the edit view's 「送審」 starts it.
        pending = make_page(
            "event",
            unit_code=unit_code,
            publish=False,
            title=f"{secret('pending submission title')} {SEARCH_WORD}送審",
            slug=secret("pending submission slug"),
            summary=f"{secret('pending submission body')} {SEARCH_WORD}內文",
        )
        pending.save_revision(user=editor)
        pending.get_workflow().start(pending, editor)
        pending.refresh_from_db()
        self.page(pending)
        s.pending.append(pending)

        # A live page whose newer draft renames it and adds an image and a document.
        live_title = f"{public_token()} 公開消息"
        changed = make_page("hot_news", unit_code=unit_code, publish=True, title=live_title, summary="公開摘要")
        changed.title = f"{secret('newer draft title')} {SEARCH_WORD}新草稿"
        changed.summary = f"{secret('newer draft body')} {SEARCH_WORD}內文"
        changed.cover_image = media["image newer-draft-only"]
        changed.attachments = [PageAttachment(document=media["document newer-draft-only"], title="")]
        changed.save_revision(user=editor)
        self.page(changed)

        # A plain live page with its public image and document.
        live = make_page(
            "hot_news",
            unit_code=unit_code,
            publish=True,
            title=f"{public_token()} 公開頁",
            cover_image=media["image live"],
        )
        live.attachments = [PageAttachment(document=media["document live"], title="")]
        live.save_revision(user=editor).publish()
        self.page(live)

    # --- accounts ------------------------------------------------------------------------------

    def application(self, unit_code):
        from tests.factories import application

        unit = Unit.objects.get(code=unit_code)
        reviewing = reviewing_unit_for(unit)
        readers = {MANAGER} if reviewing is not None and reviewing.code == MANAGER_UNIT else set()
        secret = lambda kind: self.s.secret(kind, unit_code, readers, unit_reads=False)  # noqa: E731
        app = application(
            unit_code,
            contact_name=f"{secret('application contact name')}窗口",
            contact_email=f"{secret('application contact e-mail')}@example.gov.tw",
            user_name=f"{secret('application user name')}申請人",
            user_email=f"{secret('application user e-mail')}@example.gov.tw",
            account_name=f"canary-app-{unit_code.lower()}",
        )
        self.s.add_pk(AccountApplication, app.pk, unit_code)
        lifecycle_log.log_event(
            app,
            lifecycle_log.APPLICATION_RECEIVED,
            by=self.s.users[MANAGER],
            reason=f"{secret('application record entry')} 收件",
        )
        return app

    def account_event(self, user, unit_code):
        """Only the account manager of the account and the auditor read the account record."""
        readers = _readers_of_account(unit_code)
        lifecycle_log.log_event(
            user,
            lifecycle_log.DEPARTURE_RECORDED,
            by=None,
            reason=f"{self.s.secret('account record entry', unit_code, readers, False)} 離職",
        )

    def audit(self):
        s = self.s
        audit = open_audit(s.users[AUDITOR], title="半年帳號清查")
        s.add_pk(AccountAudit, audit.pk)
        role_user_ids = {u.pk for u in s.users.values()}
        for entry in AccountAuditEntry.objects.filter(audit=audit, user__username__startswith="canary-"):
            s.add_pk(AccountAuditEntry, entry.pk, entry.unit_code)
            if entry.user_id not in role_user_ids:
                note = s.secret("audit note", entry.unit_code, {AUDITOR}, unit_reads=False)
                mark_entries(audit, [entry.pk], AccountAuditEntry.KEEP, f"{note} 保留", s.users[AUDITOR])
        return audit

    # --- everything ----------------------------------------------------------------------------

    def seed(self):
        install_unit_review_workflow()
        s = self.s
        self.role_users()
        for unit_code in [*CANARY_UNITS.values(), OWN_UNIT]:
            unit = Unit.objects.get(code=unit_code)
            s.add_pk(Unit, unit.pk, unit_code)
            section = UnitPage.objects.get(unit=unit, locale__language_code="zh-hant")
            if unit_code in FILL_UNITS:
                s.sections.append(section)
            s.add_pk(Page, section.pk, unit_code)
            editor = self.staff(unit_code, "editor")
            if unit_code != OWN_UNIT and role_allowed_at("unit_reviewer", unit.unit_type):
                self.staff(unit_code, "unit_reviewer")
            client = Client()
            client.force_login(editor)
            media = self.media(client, unit_code)
            self.pages(unit_code, editor, media)
            self.application(unit_code)
            self.account_event(editor, unit_code)
        self.audit()
        for page in s.pending:
            if page.unit.code not in FILL_UNITS and not os.environ.get("CANARY_ALL_UNITS"):
                continue
            workflow_state = WorkflowState.objects.filter(
                base_content_type__isnull=False, object_id=str(page.pk)
            ).first()
            if workflow_state is not None:
                s.add_pk(WorkflowState, workflow_state.pk)
                for task_state in TaskState.objects.filter(workflow_state=workflow_state):
                    s.add_pk(TaskState, task_state.pk)
        for model in (Task, Workflow):
            for pk in model.objects.values_list("pk", flat=True):
                s.add_pk(model, pk)
        codes = [*CANARY_UNITS.values(), OWN_UNIT]
        for group in Group.objects.filter(name__in=[f"{GROUP_PREFIX}{code}" for code in codes]):
            s.add_pk(Group, group.pk)
        for pk in Collection.objects.values_list("pk", flat=True):
            s.add_pk(Collection, pk)
        s.live_urls = sorted({p.url for p in Page.objects.live().public().specific() if p.url})
        return s


def seed():
    return Seeder().seed()


def unzip_text(body):
    """The text inside an XLSX/ODF (zip) answer, so an export cannot hide a marker."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    except zipfile.BadZipFile:
        return ""
