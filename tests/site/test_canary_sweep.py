"""The canary sweep: nothing unpublished crosses a unit's line, anywhere.

``tests/canary.py`` seeds one unit of every unit type (and the observers' own unit) with secrets
carrying unique ``cnry…`` tokens — draft titles, bodies and slugs, pending submissions, the newer
draft of a live page, unused and draft-only files, staff names and e-mails, applications'
personal data, account-record entries, audit notes — through the site's own code, once per
module. Then every URL pattern Django's resolver knows is one test case (its id is the
pattern's text, so a new view or a Wagtail upgrade is swept without editing this file):

- each URL parameter is filled with the primary keys of the canary objects of the model the
  view is about (from the view, or from the parameter's name), else with the union of all
  canary keys — the objects of ``canary.FILL_UNITS`` (four units; ``CANARY_ALL_UNITS=1`` for
  all), while every seeded unit's markers are looked for everywhere; identical URLs are
  requested once; list views also get ``?q=機密`` (a word in
  every secret title, never inside a token) and bulk actions and ``chosen-multiple`` ``?id=``
  every canary of their model;
- an admin URL is requested with GET and with an empty POST by each role: anonymous, an editor
  and the reviewer of another unit (TW-KHH), the account manager of another branch (br-kpt)
  and the account auditor; a public URL (pages, search, feeds, sitemap, API, documents)
  anonymously;
- no answer is a 5xx; no body (inside zip exports too), header (``Location``,
  ``Content-Disposition``…) or flash message carries a token *foreign* to the role (see
  ``canary.Seeded.secret`` for who may read which); an anonymous admin request gets the login
  page or a refusal; an empty POST changes no watched row.

Patterns that cannot be filled are listed in ``UNFILLABLE`` with the reason, and
``test_every_pattern_is_filled`` keeps that list honest. The sweep carries the ``canary``
marker (``-m "not canary"`` leaves it out locally; ``make test`` and ``.ci/run`` run it).
"""

import itertools
import os
import re
import time
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.test import Client
from django.urls import get_resolver
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)

from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.semiannual_audit.audits import AccountAudit, AccountAuditEntry
from site45.governance.models import Membership, Unit
from site45.home.models import UnitPage
from tests import canary
from tests.canary import ANONYMOUS, ROLES, SEARCH_WORD, TOKEN_RE
from tests.factories import URL_PARAM, view_model, walk  # the resolver's patterns, one walk for all sweeps

pytestmark = [pytest.mark.canary]

# --- the URL patterns ---------------------------------------------------------------------------


PATTERNS = {}
for _text, _entry in walk(get_resolver()):
    PATTERNS.setdefault(_text, _entry)


def is_admin(template):
    return template.lstrip("^").startswith("admin/")


#: URL templates that are not requested, with the reason.
UNFILLABLE = {
    "admin/^.*/$": "Wagtail's catch-all 404 for the admin; requested as /admin/no-such-page/ instead",
}

PARAM = URL_PARAM

#: What an anonymous visitor may open with 200 in the admin (sign-in, password reset, assets).
PUBLIC_ADMIN = re.compile(r"^/admin/(login|password_reset|reset|logout|sprite|jsi18n|signin|otp|two-factor)")

# --- what fills a parameter ---------------------------------------------------------------------

#: Parameter names that say their model.
NAME_MODELS = {
    "page_id": Page,
    "page_pk": Page,
    "page_to_move_id": Page,
    "parent_page_id": Page,
    "destination_id": Page,
    "image_id": Image,
    "document_id": Document,
    "doc_id": Document,
    "revision_id": Revision,
    "revision_id_a": Revision,
    "revision_id_b": Revision,
    "task_state_id": TaskState,
    "workflow_state_id": WorkflowState,
    "task_id": Task,
    "workflow_pk": Workflow,
    "collection_id": Collection,
    "session_id": "wagtailadmin.EditingSession",
}
#: For ``pk``/``object_id`` when the view does not say its model: the URL's words do.
PATH_MODELS = [
    ("admin/api/main/^pages/", Page),
    ("admin/api/main/^documents/", Document),
    ("admin/api/main/^images/", Image),
    ("api/v2/^pages/", Page),
    ("api/v2/^documents/", Document),
    ("api/v2/^images/", Image),
    ("admin/account_audits/", AccountAudit),
    ("admin/account_applications/", AccountApplication),
    ("admin/two-factor/", get_user_model()),
    ("admin/documents/", Document),
    ("admin/images/", Image),
    ("admin/workflows/tasks/", Task),
    ("admin/workflows/", Workflow),
    ("admin/pages/", Page),
]
#: Values of the parameters that are not object ids.
FIXED = {
    "app_label": ["governance"],
    "app_name": ["governance"],
    "content_type_app_name": ["news"],
    "model_name": ["accountapplication"],
    "content_type_model_name": ["hotnewspage"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
    "mode": ["default"],
    "filter_spec": ["original"],
}
PAGE_ACTIONS = ["copy", "move", "delete", "publish", "unpublish"]


def model_by_name(name):
    """``translation_source_id`` → wagtail_localize's TranslationSource, if such a model exists."""
    if not name.endswith("_id"):
        return None
    wanted = name[:-3].replace("_", "")
    for model in apps.get_models():
        if model._meta.model_name == wanted:
            return model
    return None


class Filler:
    """The URLs of one pattern, filled with the canary objects' keys."""

    def __init__(self, seeded):
        self.s = seeded
        self.union_used = set()

    def pool(self, model):
        if isinstance(model, str):
            model = apps.get_model(model)
        for known, pks in self.s.pks.items():
            if issubclass(model, known) or issubclass(known, model):
                return list(pks)
        existing = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:3])
        return existing or [1]

    def union(self, template):
        self.union_used.add(template)
        return sorted({pk for pks in self.s.pks.values() for pk in pks})

    def id_values(self, template, name, entry):
        if name in NAME_MODELS:
            return self.pool(NAME_MODELS[name])
        if name in ("pk", "object_id"):
            if "account_audits/" in template:  # entries/<pk> lists an audit's entries
                return self.pool(AccountAudit) + self.pool(AccountAuditEntry)
            model = view_model(entry)
            if model is None:
                model = next((m for prefix, m in PATH_MODELS if template.startswith(prefix)), None)
            return self.pool(model) if model is not None else self.union(template)
        model = model_by_name(name)
        return self.pool(model) if model is not None else self.union(template)

    # Patterns whose parameters belong together are filled with coherent sets (a page and its
    # own revisions), and with the observers' own page beside another unit's object.

    def own_page(self):
        return next(p for p in self.s.pages if p.unit.code == canary.OWN_UNIT and not p.live)

    def pending(self):
        return [p for p in self.s.pending if p.pk in self.s.pks[Page]]

    def revisions_of(self, page):
        return list(Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk").values_list("pk", flat=True))

    def bundles(self, names, entry, template):
        s, own = self.s, self.own_page()
        key = frozenset(n for n in names if n not in FIXED)
        pages = [p.pk for p in s.pages] + [p.pk for p in s.sections]
        if key == {"page_id", "revision_id"}:
            for page in s.pages:
                revisions = self.revisions_of(page)
                for rev in revisions:
                    yield {"page_id": page.pk, "revision_id": rev}
                if page.unit.code != canary.OWN_UNIT:  # another unit's latest revision under one's own page
                    yield {"page_id": own.pk, "revision_id": revisions[-1]}
        elif key == {"pk", "revision_id_a", "revision_id_b"}:
            for page in s.pages:
                revs = self.revisions_of(page)
                yield {"pk": page.pk, "revision_id_a": "live", "revision_id_b": "latest"}
                yield {"pk": page.pk, "revision_id_a": revs[0], "revision_id_b": revs[-1]}
                yield {"pk": own.pk, "revision_id_a": revs[0], "revision_id_b": revs[-1]}
        elif key == {"page_id", "action_name", "task_state_id"}:
            for page in self.pending():
                for state in TaskState.objects.filter(workflow_state__object_id=str(page.pk)):
                    for action in ("approve", "reject"):
                        yield {"page_id": page.pk, "action_name": action, "task_state_id": state.pk}
                        yield {"page_id": own.pk, "action_name": action, "task_state_id": state.pk}
        elif key == {"page_id", "workflow_state_id"}:
            for page in self.pending():
                for state in WorkflowState.objects.filter(object_id=str(page.pk)):
                    yield {"page_id": page.pk, "workflow_state_id": state.pk}
                    yield {"page_id": own.pk, "workflow_state_id": state.pk}
        elif key == {"page_id", "task_id"}:
            for page, task in itertools.product(pages, self.pool(Task)):
                yield {"page_id": page, "task_id": task}
        elif key == {"page_pk", "workflow_pk"}:
            for page, workflow in itertools.product(pages, self.pool(Workflow)):
                yield {"page_pk": page, "workflow_pk": workflow}
        elif key == {"page_to_move_id", "destination_id"}:
            destinations = {own.get_parent().pk, s.sections[0].pk}
            for page, dest in itertools.product([p.pk for p in s.pages], destinations):
                yield {"page_to_move_id": page, "destination_id": dest}
        elif key == {"pk", "action_name"}:
            for page, action in itertools.product([p.pk for p in s.pages], PAGE_ACTIONS):
                yield {"pk": page, "action_name": action}
        elif key == {"app_label", "model_name", "object_id", "session_id"}:
            for page in pages:
                yield {"app_label": "wagtailcore", "model_name": "page", "object_id": page, "session_id": 1}
        elif key == {"app_label", "model_name", "action"}:
            yield from self.bulk_actions()
        elif "page_view_restriction_id" in key and "page_id" in key:
            for page in pages:
                yield {"page_view_restriction_id": 1, "page_id": page}
        else:  # unknown combinations: the first value of each, and each value of the first id
            values = {n: (FIXED[n] if n in FIXED else self.id_values(template, n, entry)) for n in names}
            ids = [n for n in names if n not in FIXED]
            for value in values[ids[0]]:
                yield {**{n: v[0] for n, v in values.items()}, ids[0]: value}

    def bulk_actions(self):
        from wagtail.admin.views.bulk_action.registry import bulk_action_registry

        bulk_action_registry._scan_for_bulk_actions()
        for app_label, models in bulk_action_registry.actions.items():
            for model_name, actions in models.items():
                model = apps.get_model(app_label, model_name)
                ids = self.pool(model)
                for action in actions:
                    yield {
                        "app_label": app_label,
                        "model_name": model_name,
                        "action": action,
                        "_query": urlencode([("id", pk) for pk in ids] + [("next", "/admin/")]),
                    }

    def urls(self, template, entry):
        """Every URL of the pattern, or ``None`` if it cannot be filled."""
        special = self.special(template)
        if special is not None:
            return special
        names = [m.group(2) or m.group(3) for m in PARAM.finditer(template)]
        if not names:
            combos = [{}]
        elif len([n for n in names if n not in FIXED]) == 1 and not {"action_name"} & set(names):
            (id_name,) = [n for n in names if n not in FIXED]
            combos = [
                {**{n: FIXED[n][0] for n in names if n in FIXED}, id_name: v}
                for v in self.id_values(template, id_name, entry)
            ]
            if {"content_type_app_name", "model_name", "app_name", "app_label"} & set(names) and "pages/" in template:
                combos = [{**c, "app_label": "news", "app_name": "news", "model_name": "hotnewspage"} for c in combos]
        elif not [n for n in names if n not in FIXED]:
            combos = [{n: FIXED[n][0] for n in names}]
            if "pages/" in template or "tag-autocomplete" in template:
                combos = [
                    {
                        n: {"app_label": "news", "app_name": "news", "model_name": "hotnewspage"}.get(n, v)
                        for n, v in c.items()
                    }
                    for c in combos
                ]
        else:
            combos = list(self.bundles(names, entry, template))
        urls = []
        for combo in combos:
            query = combo.pop("_query", "")
            url = self.fill(template, combo)
            if url is None:
                return None
            urls.append(url + (f"?{query}" if query else ""))
            if not names and is_admin(template):
                urls.append(url + "?" + urlencode({"q": SEARCH_WORD}))
            if "parent_page_id" in combo and "add" not in template:
                urls.append(url + "?" + urlencode({"q": SEARCH_WORD}))
        if template.endswith("chosen-multiple/"):
            urls.append(urls[0].split("?")[0] + "?" + urlencode([("id", p.pk) for p in self.s.pages]))
        return sorted(set(urls))

    def fill(self, template, values):
        def one(match):
            return str(values[match.group(2) or match.group(3)])

        url = PARAM.sub(one, template)
        url = url.replace("^", "").replace("$", "").replace(r"\.", ".").replace("\\", "")
        if re.search(r"[()\[\]*+?|]", url):
            return None
        return "/" + url

    def special(self, template):
        """The public patterns whose groups are not named."""
        s = self.s
        if template == "documents/^(\\d+)/(.*)$":
            return [f"/documents/{d.pk}/{d.filename}" for d in s.documents]
        if template == "^((?:[\\w\\-]+/)*)$":  # Wagtail's page router: every live page, every canary page
            urls = set(s.live_urls)
            urls |= {p.url or f"/units/{p.get_parent().slug}/{p.slug}/" for p in s.pages}
            urls |= {f"{u}rss/" for u in s.live_urls if u.rstrip("/").count("/") == 1}
            urls |= {f"{u}?{urlencode({'q': SEARCH_WORD})}" for u in s.live_urls[:5]}
            return sorted(urls)
        if template == "search/":
            return [f"/search/?{urlencode({'q': q})}" for q in (SEARCH_WORD, "機密草稿", "內文", "公開")] + [
                f"/en/search/?{urlencode({'q': SEARCH_WORD})}"
            ]
        if template.startswith("api/v2/") and "<" not in template:
            base = "/" + template.replace("^", "")
            return (
                [
                    base,
                    f"{base}?{urlencode({'search': SEARCH_WORD})}",
                    f"{base}?fields=*",
                    f"{base}?{urlencode({'search': SEARCH_WORD, 'fields': '*'})}",
                ]
                if not base.endswith("find/")
                else [f"{base}?id={pk}" for pk in self.pool(PATH_MODELS_BY_API[base])]
            )
        if template.startswith("api/v2/") and "<int:pk>" in template:
            base = "/" + template.replace("^", "")
            model = next(m for prefix, m in PATH_MODELS if template.startswith(prefix))
            return [base.replace("<int:pk>", str(pk)) + "?fields=*" for pk in self.pool(model)]
        return None


PATH_MODELS_BY_API = {"/api/v2/pages/find/": Page, "/api/v2/documents/find/": Document, "/api/v2/images/find/": Image}

# --- checking one answer ------------------------------------------------------------------------


def body_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    if body[:4] == b"PK\x03\x04":
        text += canary.unzip_text(body)
    return text


def flash_messages(response):
    storage = getattr(getattr(response, "wsgi_request", None), "_messages", None)
    return [str(m) for m in getattr(storage, "_queued_messages", [])]


def foreign_tokens_in(text, foreign):
    found = []
    for hit in {h.lower() for h in TOKEN_RE.findall(text)}:
        if hit in foreign:
            found.append(hit)
        elif len(hit) >= 10:  # a truncated token
            found.extend(t for t in foreign if t.startswith(hit))
    return found


def where(text, token):
    i = text.lower().find(token[:10])
    return re.sub(r"\s+", " ", text[max(0, i - 100) : i + 40])


def leaks(response, foreign):
    """``[(kind, place, context)]`` for each foreign token in the body, a header or a message."""
    places = {"body": body_of(response), "messages": " | ".join(flash_messages(response))}
    places.update({f"header {k}": v for k, v in response.items()})
    out = []
    for place, text in places.items():
        for token in foreign_tokens_in(text, foreign):
            out.append((foreign[token].kind, foreign[token].unit or "-", place, where(text, token)))
    return out


WATCHED = [
    Page,
    Revision,
    get_user_model(),
    Membership,
    AccountApplication,
    Image,
    Document,
    Group,
    GroupPagePermission,
    Permission,
    PageLogEntry,
    ModelLogEntry,
    AccountAudit,
    AccountAuditEntry,
    WorkflowState,
    TaskState,
    Collection,
    Unit,
]


def watched_fields(model):
    """Every column but the large JSON ones (a revision's content changes only with a new row)."""
    from django.db.models import JSONField

    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in ("last_login", "password") and not isinstance(f, JSONField)
    ]


def fingerprint():
    """The watched rows, but those an observer's empty POST may rightly change: the observing
    unit's own pages (their editor may delete or lock them) and the applications routed to the
    observing account manager (who may receive them), with their log entries, and the observing
    unit's own images and documents."""
    from django.contrib.contenttypes.models import ContentType

    own_section = UnitPage.objects.get(unit__code=canary.OWN_UNIT, locale__language_code="zh-hant")
    own_tree = Q(path__startswith=own_section.path)  # the section row changes with its children
    # Rows about an object are watched while the object is foreign: when the observer deletes
    # one of its own, the log entry it leaves names an object that no longer exists.
    foreign_pages = [str(pk) for pk in Page.objects.exclude(own_tree).values_list("pk", flat=True)]
    own_apps = [
        str(pk)
        for pk in AccountApplication.objects.filter(reviewing_unit__code=canary.MANAGER_UNIT).values_list(
            "pk", flat=True
        )
    ]
    app_type = ContentType.objects.get_for_model(AccountApplication)
    page_type = ContentType.objects.get_for_model(Page)
    own_collection = Unit.objects.get(code=canary.OWN_UNIT).media_collection_id
    image_type, document_type = ContentType.objects.get_for_model(Image), ContentType.objects.get_for_model(Document)
    foreign_images = [
        str(pk) for pk in Image.objects.exclude(collection_id=own_collection).values_list("pk", flat=True)
    ]
    foreign_documents = [
        str(pk) for pk in Document.objects.exclude(collection_id=own_collection).values_list("pk", flat=True)
    ]
    exempt = {
        Page: ~own_tree,
        Revision: Q(object_id__in=foreign_pages) | ~Q(base_content_type=page_type),
        PageLogEntry: Q(page_id__in=foreign_pages),
        WorkflowState: Q(object_id__in=foreign_pages) | ~Q(base_content_type=page_type),
        TaskState: Q(workflow_state__object_id__in=foreign_pages) | ~Q(workflow_state__base_content_type=page_type),
        AccountApplication: ~Q(pk__in=own_apps),
        # The observing unit's own images and documents: its editor may delete them.
        Image: ~Q(collection_id=own_collection),
        Document: ~Q(collection_id=own_collection),
        ModelLogEntry: (
            ~Q(content_type__in=[image_type, document_type]) & ~Q(content_type=app_type, object_id__in=own_apps)
        )
        | Q(content_type=image_type, object_id__in=foreign_images)
        | Q(content_type=document_type, object_id__in=foreign_documents),
    }
    state = {}
    for model in WATCHED:
        rows = model._default_manager.filter(exempt.get(model, Q())).order_by("pk")
        state[model.__name__] = hash(repr(list(rows.values_list(*watched_fields(model)))))
    return state


# --- the seeded world, once per module ----------------------------------------------------------


class World:
    def __init__(self, seeded):
        self.s = seeded
        self.filler = Filler(seeded)
        self.clients = {}
        self.foreign = {role: seeded.foreign_to(role) for role in ROLES}
        self.requests = 0
        self._untouched = None

    def untouched(self):
        """The watched rows as seeded. Each test runs in a transaction rolled back at its end,
        so every pattern starts from this state: it is read once, not before every pattern."""
        if self._untouched is None:
            self._untouched = fingerprint()
        return self._untouched

    def client(self, role):
        if role not in self.clients:
            client = Client(raise_request_exception=False)
            if role != ANONYMOUS:
                client.force_login(self.s.users[role])
            self.clients[role] = client
        return self.clients[role]

    def relogin(self, role):
        self.clients.pop(role, None)
        return self.client(role)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Seed once; everything is rolled back when the module ends (like ``setUpTestData``)."""
    with django_db_blocker.unblock():
        started = time.monotonic()
        with transaction.atomic():
            seeded = canary.seed()
            w = World(seeded)
            w.seed_seconds = time.monotonic() - started
            yield w
            transaction.set_rollback(True)
        cache.clear()


@pytest.fixture
def sweep_world(world, db):
    return world


# --- the sweep ----------------------------------------------------------------------------------


def request(world, role, method, url):
    client = world.client(role)
    world.requests += 1
    response = getattr(client, method)(url)
    client.cookies.pop("messages", None)  # a flash message is checked here, not on the next page
    if role != ANONYMOUS and response.status_code in (301, 302) and "/login" in response.get("Location", ""):
        if "logout" not in url:
            # The session ended (an earlier request signed it out, or the idle clock ran out):
            # sign in again and ask once more, so the answer judged is the signed-in one.
            client = world.relogin(role)
            response = getattr(client, method)(url)
            client.cookies.pop("messages", None)
    return response


def sweep_pattern(world, template, urls):
    problems = []
    roles = ROLES if is_admin(template) else (ANONYMOUS,)
    before = world.untouched()
    for role in roles:
        foreign = world.foreign[role]
        for url in urls:
            if role != ANONYMOUS and "logout" in url:
                continue
            for method in ("get", "post"):
                response = request(world, role, method, url)
                status = response.status_code
                label = f"{method.upper()} {url} as {role}: {status}"
                if status >= 500:
                    problems.append(f"{label} (server error)")
                for kind, unit, place, context in leaks(response, foreign):
                    problems.append(f"{label} shows {kind} of {unit} in {place}: …{context}…")
                if role == ANONYMOUS and is_admin(template) and method == "get" and not PUBLIC_ADMIN.match(url):
                    if status == 200:
                        problems.append(f"{label} (200 for an anonymous visitor)")
                    elif status in (301, 302) and "login" not in response.get("Location", ""):
                        problems.append(f"{label} redirected to {response['Location']}, not to the login page")
    after = fingerprint()
    if after != before:
        changed = sorted(name for name in before if before[name] != after[name])
        problems.append(f"GET/empty POST of {template} as one of {', '.join(roles)} changed {changed}")
    return problems


SWEPT = sorted(t for t in PATTERNS if t not in UNFILLABLE)


@pytest.mark.parametrize("template", SWEPT, ids=SWEPT)
def test_no_foreign_canary_and_no_5xx(sweep_world, template):
    urls = sweep_world.filler.urls(template, PATTERNS[template])
    if urls is None:
        pytest.fail(f"{template} cannot be filled: teach Filler to fill it, or add it to UNFILLABLE with the reason")
    problems = sweep_pattern(sweep_world, template, urls)
    if problems and os.environ.get("CANARY_REPORT"):  # one line per problem, for triage
        with open(os.environ["CANARY_REPORT"], "a", encoding="utf-8") as report:
            report.writelines(f"{template}\t{p}\n" for p in problems)
    assert problems == [], f"{len(problems)} problems on {len(urls)} URLs of {template}:\n" + "\n".join(problems)


def test_the_admin_catch_all_answers_nothing(sweep_world):
    assert sweep_pattern(sweep_world, "admin/^.*/$", ["/admin/no-such-page/"]) == []


def test_every_pattern_is_filled(sweep_world):
    unfilled = [t for t in PATTERNS if t not in UNFILLABLE and sweep_world.filler.urls(t, PATTERNS[t]) is None]
    assert unfilled == [], "patterns the sweep cannot fill: teach Filler, or add them to UNFILLABLE with the reason"
    assert len([t for t in PATTERNS if is_admin(t)]) > 200
    assert set(UNFILLABLE) <= set(PATTERNS), "UNFILLABLE names a pattern that no longer exists"


def test_the_canaries_cover_every_unit_type_and_every_kind(sweep_world):
    s = sweep_world.s
    kinds = {c.kind for c in s.canaries.values()}
    for kind in (
        "never-published draft title",
        "pending submission title",
        "newer draft title",
        "document (unused)",
        "image (draft-only)",
        "document (newer-draft-only)",
        "staff name",
        "application user name",
        "account record entry",
        "audit note",
    ):
        assert kind in kinds
    units = {c.unit for c in s.canaries.values() if c.kind == "never-published draft title"}
    assert units == {*canary.CANARY_UNITS.values(), canary.OWN_UNIT}
    assert len(s.pending) == len(units) and all(p.workflow_in_progress for p in s.pending)
    assert all(
        p.has_unpublished_changes for p in s.pages if p.live and SEARCH_WORD in p.get_latest_revision_as_object().title
    )


def test_the_detector_finds_what_a_role_may_see(sweep_world):
    """A positive control: the same checks find the own unit's draft where it belongs."""
    own = sweep_world.filler.own_page()
    response = request(sweep_world, canary.EDITOR, "get", f"/admin/pages/{own.pk}/edit/")
    assert response.status_code == 200
    as_if_foreign = {t: c for t, c in sweep_world.s.canaries.items() if c.unit == canary.OWN_UNIT}
    kinds = {kind for kind, *_ in leaks(response, as_if_foreign)}
    assert "never-published draft title" in kinds and "never-published draft body" in kinds
