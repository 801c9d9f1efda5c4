"""Page rights follow the role: re-group the members that existed before.

Until now every member was in their unit's group (「單位：<code>」: page, image and document
rights). Members who hold neither the editor nor the reviewer role now belong to the
access-only group 「單位：僅使用後台」 instead (``permissions.grants.sync_user`` does the same for every
later change). Written with the historical models, not by calling ``sync_user``, so that the
migration keeps working when the models change later; the names are frozen here on purpose.
"""

from django.conf import settings
from django.db import migrations

GROUP_PREFIX = "單位："
ACCESS_ONLY_GROUP_NAME = "單位：僅使用後台"


def _access_admin(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    return permission


def _user_groups(apps):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    return apps.get_model(app_label, model_name).groups.through


def regroup(apps, schema_editor):
    Membership = apps.get_model("governance", "Membership")
    Group = apps.get_model("auth", "Group")
    user_ids = list(
        Membership.objects.filter(is_editor=False, is_unit_reviewer=False).values_list("user_id", flat=True)
    )
    if not user_ids:
        return
    group, _ = Group.objects.get_or_create(name=ACCESS_ONLY_GROUP_NAME)
    group.permissions.set([_access_admin(apps)])
    Through = _user_groups(apps)
    Through.objects.filter(user_id__in=user_ids, group__name__startswith=GROUP_PREFIX).delete()
    Through.objects.bulk_create([Through(user_id=pk, group_id=group.pk) for pk in user_ids])


def regroup_back(apps, schema_editor):
    """Reverse: the access-only members go back into their unit's group, as before."""
    Membership = apps.get_model("governance", "Membership")
    Group = apps.get_model("auth", "Group")
    Through = _user_groups(apps)
    group = Group.objects.filter(name=ACCESS_ONLY_GROUP_NAME).first()
    if group is None:
        return
    unit_groups = {g.name: g.pk for g in Group.objects.filter(name__startswith=GROUP_PREFIX)}
    members = Membership.objects.filter(user__groups=group).select_related("unit")
    rows = [
        Through(user_id=m.user_id, group_id=unit_groups[GROUP_PREFIX + m.unit.code])
        for m in members
        if GROUP_PREFIX + m.unit.code in unit_groups
    ]
    Through.objects.filter(group_id=group.pk).delete()
    Through.objects.bulk_create(rows, ignore_conflicts=True)
    group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_personal_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(regroup, regroup_back)]
