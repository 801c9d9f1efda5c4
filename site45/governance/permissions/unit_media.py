"""Images and documents belong to a unit. The one place for who owns media.

- Each unit has its own Wagtail collection (``Unit.media_collection``, made with the unit and
  named after it). Its unit group may add files there, change any file in it (a leaver's
  uploads stay in the unit's hands) and choose from it.
- One shared collection, 「公開共用」, holds files every unit may choose and the public may
  fetch. Only the system administrator (a superuser) adds files to it; hq_special may change
  and choose them.
- hq_special's group may change and choose in every collection (「全」) and adds to its own.

Why hq_special does not add to the shared collection: Wagtail keeps collections in name order
and its upload form preselects the first one it offers; 「公開共用」 sorts before most unit
names, so an hq_special upload would be public by default. With one collection to add to,
the form asks nothing and every upload lands in the uploader's unit.

Because a unit group may add only to its own collection (and hq_special to two), Wagtail's
upload forms put an upload there without asking. The image and document choosers list the
files a user may choose; the listings, through :class:`UnitMediaPermissionPolicy`, also show
the shared files (opening one still needs the right to change it).

Which files the *public* may fetch is a question of pages, not units: see
``site45/home/public_media.py``.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from ..org.models import HQ_SPECIAL, Unit

PUBLIC_COLLECTION_NAME = "公開共用"
MEDIA_APPS = ("wagtailimages", "wagtaildocs")
#: What a unit group may do in its own collection and in the shared one.
OWN_ACTIONS = ("add", "change", "choose")
SHARED_ACTIONS = ("choose",)
FULL_ACCESS_ACTIONS = ("change", "choose")  # on the root: every collection, the shared one too
MODEL_NAMES = {"wagtailimages": "image", "wagtaildocs": "document"}


def collection_name(unit):
    return f"{unit.name_zh}（{unit.code}）"


def _root():
    return Collection.get_first_root_node()


def public_collection():
    """The shared collection 「公開共用」 under the root, made on first use.

    Found by name: renaming or deleting it in the admin makes a new, empty one, so its old
    files stop being public — a mistake fails closed.
    """
    root = _root()
    found = root.get_children().filter(name=PUBLIC_COLLECTION_NAME).order_by("path").first()
    return found or root.add_child(name=PUBLIC_COLLECTION_NAME)


def public_collection_id():
    """The shared collection's id, or ``None`` if it does not exist yet (never creates it)."""
    root = _root()
    if root is None:
        return None
    return root.get_children().filter(name=PUBLIC_COLLECTION_NAME).order_by("path").values_list("pk", flat=True).first()


@transaction.atomic
def unit_collection(unit):
    """The collection of ``unit``, made (and its name kept in step with the unit's) here."""
    collection = unit.media_collection if unit.media_collection_id else None
    if collection is None:
        collection = _root().add_child(name=collection_name(unit))
        Unit.objects.filter(pk=unit.pk).update(media_collection=collection)
        unit.media_collection = collection
    elif collection.name != collection_name(unit):
        collection.name = collection_name(unit)
        collection.save(update_fields=["name"])
    return collection


def _permissions(actions):
    codenames = [f"{action}_{model}" for action in actions for model in MODEL_NAMES.values()]
    return list(Permission.objects.filter(content_type__app_label__in=MEDIA_APPS, codename__in=codenames))


@transaction.atomic
def grant_collection_rights(group, unit):
    """Give ``group`` exactly the collection rights of ``unit``'s members; remove any other.

    The group is machine-managed, so every other collection permission it holds (the root
    grant of earlier versions) is stale and removed.
    """
    wanted = set()
    own = unit_collection(unit)
    shared = public_collection()
    for perm in _permissions(OWN_ACTIONS):
        wanted.add((own.pk, perm.pk))
    if unit.unit_type == HQ_SPECIAL:
        for perm in _permissions(FULL_ACCESS_ACTIONS):
            wanted.add((_root().pk, perm.pk))
    else:
        for perm in _permissions(SHARED_ACTIONS):
            wanted.add((shared.pk, perm.pk))
    existing = set(GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", "permission_id"))
    GroupCollectionPermission.objects.bulk_create(
        [GroupCollectionPermission(group=group, collection_id=c, permission_id=p) for c, p in wanted - existing]
    )
    for collection_id, permission_id in existing - wanted:
        GroupCollectionPermission.objects.filter(
            group=group, collection_id=collection_id, permission_id=permission_id
        ).delete()


def remove_collection_rights(group):
    """For a group whose members hold no role with media rights (the roles restructuring)."""
    GroupCollectionPermission.objects.filter(group=group).delete()


class UnitMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection policy, with the listings also showing the shared collection.

    The image and document listings show the files a user may change; a unit's members would
    then not see the shared files they may choose for their pages. Rights on each file are
    Wagtail's own (opening a shared file to change it still needs the right to change it).
    """

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser or not user.is_authenticated:
            return instances
        if not {"change", "delete"} & set(actions):
            return instances
        shared = public_collection_id()
        if shared is None or not self._collections_with_perm(user, ["choose"]).filter(pk=shared).exists():
            return instances
        return self.model._default_manager.filter(Q(pk__in=instances.values("pk")) | Q(collection_id=shared))


def register_permission_policies():
    """Install the policy for images and documents (exact class: wins over Wagtail's own,
    whichever app becomes ready first)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = UnitMediaPermissionPolicy(model, auth_model=auth_model, owner_field_name="uploaded_by_user")
        register_permission_policy(model, policy, exact_class=True)
