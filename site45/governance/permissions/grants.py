"""Groups and page permissions follow from membership (SPEC §3, §4) — nobody makes them by hand.

Page rights follow the role. A member who holds the editor role (一般承辦人員) or the reviewer
role (單位審核人員) is in their unit's machine-managed group, 「單位：<code>」: they may add and
edit pages in that unit's sections (every language), upload and choose images and documents
in the unit's own collection and choose from the shared one (``unit_media``), and use the admin. The hq_special unit's group has the same rights on every unit's section (全).

Every other member — an account manager, the account auditor, or the system administrator's
account role without editing — works on accounts, not content: they are in the one access-only
group 「單位：僅使用後台」, which holds ``access_admin`` and nothing else (no page, image or
document rights). The system administrator is a Django superuser anyway (``sync_user``), whom
Wagtail's permissions do not limit; that is by design.

Nobody gets Wagtail's "publish" permission from membership: publishing goes through the unit
review workflow (UnitReviewerTask), so a reviewer cannot skip review of their own drafts.
``sync_user`` runs whenever a membership is saved or deleted (``signal_handlers``), so a role
granted or revoked moves the user between the groups at once; migration 0009 re-synced the
members that existed before this rule.

Sections are found by duck typing — any page model with ``is_unit_section = True`` and a
``unit`` foreign key — so this app never imports the content apps.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import GroupPagePermission

from ..org.models import HQ_SPECIAL, Membership, Unit, section_models
from . import unit_media

GROUP_PREFIX = "單位："
#: The group of members without a content role. Unit codes are ASCII slugs, so this name can
#: never be a unit's group; the prefix makes it machine-managed like the unit groups.
ACCESS_ONLY_GROUP_NAME = f"{GROUP_PREFIX}僅使用後台"
#: Membership fields that give page rights (and image and document rights).
PAGE_ROLE_FIELDS = ("is_editor", "is_unit_reviewer")
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page")


def sections_of(units):
    """Every section page (any language) of the given units."""
    pages = []
    for model in section_models():
        pages.extend(model.objects.filter(unit__in=units).only("pk", "path", "depth"))
    return pages


def unit_group_name(unit):
    return f"{GROUP_PREFIX}{unit.code}"


def page_role_q():
    """``Q`` on Membership for the members ``holds_page_role`` says carry page rights."""
    q = Q(pk__in=[])
    for field in PAGE_ROLE_FIELDS:
        q |= Q(**{field: True})
    return q


def holds_page_role(membership):
    """Does ``membership`` carry page rights (editor or reviewer)?"""
    return any(getattr(membership, field) for field in PAGE_ROLE_FIELDS)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_collection_rights(group, unit):
    """Images and documents: the unit's own collection and the shared one (``unit_media``),
    for a unit's editing group only."""
    unit_media.grant_collection_rights(group, unit)


@transaction.atomic
def sync_unit_group(unit):
    """Create or correct the editing group of ``unit`` so its rights match the rules above."""
    group, _created = Group.objects.get_or_create(name=unit_group_name(unit))
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    _grant_collection_rights(group, unit)

    scope = Unit.objects.publishing() if unit.unit_type == HQ_SPECIAL else Unit.objects.filter(pk=unit.pk)
    wanted_pages = {page.pk for page in sections_of(scope)}
    permissions = [_permission("wagtailcore", codename) for codename in SECTION_PAGE_PERMISSIONS]
    existing = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
    wanted = {(page_id, perm.pk) for page_id in wanted_pages for perm in permissions}
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page_id=p, permission_id=perm) for p, perm in wanted - existing]
    )
    stale = existing - wanted
    for page_id, perm_id in stale:
        GroupPagePermission.objects.filter(group=group, page_id=page_id, permission_id=perm_id).delete()
    return group


@transaction.atomic
def sync_access_only_group():
    """Create or correct the access-only group: ``access_admin``, and no other right at all."""
    group, _created = Group.objects.get_or_create(name=ACCESS_ONLY_GROUP_NAME)
    access_admin = _permission("wagtailadmin", "access_admin")
    group.permissions.set([access_admin])
    GroupPagePermission.objects.filter(group=group).delete()
    unit_media.remove_collection_rights(group)
    return group


def sync_groups_for_section(section):
    """A new section: its unit's group and the full-access groups get rights on it."""
    units = Unit.objects.filter(pk=section.unit_id) | Unit.objects.filter(unit_type=HQ_SPECIAL)
    for unit in units.distinct():
        if Group.objects.filter(name=unit_group_name(unit)).exists():
            sync_unit_group(unit)


@transaction.atomic
def sync_user(user):
    """Put ``user`` in exactly one managed group: their unit's editing group if their roles
    carry page rights, else the access-only group (none if they have no membership)."""
    membership = Membership.objects.filter(user=user).select_related("unit").first()
    managed = Group.objects.filter(name__startswith=GROUP_PREFIX)
    user.groups.remove(*user.groups.filter(pk__in=managed))
    if membership is None:
        return
    if holds_page_role(membership):
        user.groups.add(sync_unit_group(membership.unit))
    else:
        user.groups.add(sync_access_only_group())
    if user.is_superuser != membership.is_system_admin:
        user.is_superuser = membership.is_system_admin
        user.save(update_fields=["is_superuser"])
