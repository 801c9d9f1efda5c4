"""Each unit gets its own media collection; existing files move in.

Choices: a file in the root collection whose uploader is a member of a unit moves into that
unit's collection; any other file (uploaded by a superuser without a unit, by the demo seed, or
by an account since deleted) stays in the root collection, where only hq_special and the
system administrator see it — it is still served publicly while a live, public page uses it.
The shared collection 「公開共用」 starts empty: making a file public for every unit is a
decision for hq_special, not for a migration. The groups' collection rights are re-synced.

Treebeard's tree methods are not on historical models, so children of the root are added by
writing the materialised path here (4 base-36 digits per level, as Wagtail's Collection uses).
"""

from django.db import migrations, models
import django.db.models.deletion

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
PUBLIC_COLLECTION_NAME = "公開共用"


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _add_child(Collection, parent, name):
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    )
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(name=name, path=parent.path + _step(number), depth=parent.depth + 1, numchild=0)
    Collection.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + 1)
    parent.numchild += 1
    return child


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Unit = apps.get_model("governance", "Unit")
    Membership = apps.get_model("governance", "Membership")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    # Appended in name order, as Wagtail's Collection (node_order_by = ["name"]) keeps them.
    wanted = {f"{unit.name_zh}（{unit.code}）": unit for unit in Unit.objects.filter(media_collection__isnull=True)}
    has_shared = Collection.objects.filter(depth=2, name=PUBLIC_COLLECTION_NAME).exists()
    if wanted and not has_shared:  # on a fresh database (no units yet) it is made on first use
        wanted[PUBLIC_COLLECTION_NAME] = None
    for name in sorted(wanted):
        collection = _add_child(Collection, root, name)
        if wanted[name] is not None:
            wanted[name].media_collection = collection
            wanted[name].save(update_fields=["media_collection"])
    collection_of_user = dict(Membership.objects.values_list("user_id", "unit__media_collection_id"))
    for model in (apps.get_model("wagtailimages", "Image"), apps.get_model("wagtaildocs", "Document")):
        for pk, user_id in model.objects.filter(collection=root, uploaded_by_user__isnull=False).values_list(
            "pk", "uploaded_by_user_id"
        ):
            if collection_of_user.get(user_id):
                model.objects.filter(pk=pk).update(collection_id=collection_of_user[user_id])


def regrant(apps, schema_editor):
    """Replace the old grants on the root collection by the rules of ``unit_media`` (as of now).

    Later changes to the rules are applied by ``sync_unit_group`` whenever a membership
    changes; this only removes the root grant that showed every unit's files in the choosers.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Unit = apps.get_model("governance", "Unit")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    shared = Collection.objects.filter(depth=2, name=PUBLIC_COLLECTION_NAME).order_by("path").first()
    perms = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(content_type__app_label__in=("wagtailimages", "wagtaildocs"))
    }

    def grant(group, collection, actions):
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in actions:
                perm = perms.get((app_label, f"{action}_{model}"))
                if perm is not None:
                    GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)

    for unit in Unit.objects.exclude(media_collection=None):
        group = Group.objects.filter(name=f"單位：{unit.code}").first()
        if group is None:
            continue
        GroupCollectionPermission.objects.filter(group=group).delete()
        grant(group, unit.media_collection, ("add", "change", "choose"))
        if unit.unit_type == "hq_special":
            grant(group, root, ("change", "choose"))
        elif shared is not None:
            grant(group, shared, ("choose",))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0010_export_purposes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="media_collection",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                help_text="此單位上傳的圖片與文件所在的媒體集（系統自動建立）。",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="owning_unit",
                to="wagtailcore.collection",
                verbose_name="媒體集",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(regrant, migrations.RunPython.noop),
    ]
