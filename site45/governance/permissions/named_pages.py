"""Which pages an admin request names — read from its URL and its query, for ``admin_guards``.

Wagtail's admin views name pages in a handful of ways, and a view that names a page shows at
least its title (the latest draft's, for most of them) before it checks any permission. This
module only *finds* the pages; ``policy.may_name_page`` decides, and ``admin_guards`` refuses:

- URL parameters that are page ids in every Wagtail view: ``page_id``, ``parent_page_id``,
  ``page_to_move_id``, ``destination_id``, ``page_pk`` (the workflow admin); ``pk`` in the page views and the admin API
  (``…/revisions/compare/…``, ``/admin/api/main/pages/<pk>/``);
- a model named by ``app_label``/``model_name`` (or ``content_type_app_name``/…) that is a page
  model, with ``object_id`` or ``pk`` (editing sessions, generic views);
- the ``id`` list of the page chooser's ``chosen-multiple`` answer and of the page bulk
  actions (``/admin/bulk/wagtailcore/page/<action>/?id=…``; "select all" names ``childOf``);
- the admin API listing's ``child_of``, ``descendant_of`` and ``ancestor_of``;
- wagtail-localize's ``translation_source_id`` and ``translation_id`` (the source page and,
  once made, its translation).

Anything that is not a whole number is left alone: the view answers it (400 or 404) itself.
"""

from django.apps import apps
from wagtail.models import Page

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
#: URL-name prefixes whose ``pk`` is a page id.
PAGE_PK_NAMESPACES = ("wagtailadmin_pages:", "wagtailadmin_api:pages:")
MODEL_KWARGS = (
    ("app_label", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
    ("app_name", "model_name"),
)
OBJECT_KWARGS = ("object_id", "pk")
CHOSEN_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})
BULK_ACTION_VIEW = "wagtail_bulk_action"
ADMIN_API_PREFIX = "wagtailadmin_api:pages:"
ADMIN_API_PAGE_PARAMS = ("child_of", "descendant_of", "ancestor_of")
LOCALIZE_PREFIX = "wagtail_localize:"


def _ids(values):
    ids = set()
    for value in values:
        text = str(value).strip()
        if text.isdigit() and len(text) < 19:
            ids.add(int(text))
    return ids


def _page_model(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
    return model if issubclass(model, Page) else None


def _from_kwargs(view_name, kwargs):
    ids = _ids(kwargs[key] for key in PAGE_ID_KWARGS if key in kwargs)
    if "pk" in kwargs and view_name.startswith(PAGE_PK_NAMESPACES):
        ids |= _ids([kwargs["pk"]])
    for app_key, model_key in MODEL_KWARGS:
        if app_key in kwargs and model_key in kwargs and _page_model(kwargs[app_key], kwargs[model_key]):
            ids |= _ids(kwargs[key] for key in OBJECT_KWARGS if key in kwargs)
    return ids


def _from_query(request, view_name, kwargs):
    query = request.GET
    if view_name in CHOSEN_VIEWS:
        return _ids(query.getlist("id"))
    if view_name == BULK_ACTION_VIEW and _page_model(kwargs.get("app_label", ""), kwargs.get("model_name", "")):
        # "all" selects the listing's pages; ``hooks`` narrows that set itself.
        return _ids(query.getlist("id")) | _ids(query.getlist("childOf"))
    if view_name.startswith(ADMIN_API_PREFIX):
        return _ids(value for key in ADMIN_API_PAGE_PARAMS for value in query.getlist(key))
    return set()


def _from_translations(view_name, kwargs):
    """The pages behind wagtail-localize's translation ids (its views name no page id): the
    source page and its translations, which share the source's ``translation_key``."""
    if not view_name.startswith(LOCALIZE_PREFIX):
        return set()
    source_ids = _ids([kwargs.get("translation_source_id", "")])
    translation_ids = _ids([kwargs.get("translation_id", "")])
    if not source_ids and not translation_ids:
        return set()
    from wagtail_localize.models import TranslationSource

    sources = TranslationSource.objects.filter(pk__in=source_ids) | TranslationSource.objects.filter(
        translations__pk__in=translation_ids
    )
    keys = set()
    for source in sources.select_related("specific_content_type"):
        model = source.specific_content_type.model_class()
        if model is not None and issubclass(model, Page):
            keys.add(source.object_id)
    return set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def page_ids_named_by(request, view_name, kwargs):
    """The ids of every page the admin request names (see the module docstring)."""
    view_name = view_name or ""
    return (
        _from_kwargs(view_name, kwargs)
        | _from_query(request, view_name, kwargs)
        | _from_translations(view_name, kwargs)
    )
