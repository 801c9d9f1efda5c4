"""Wagtail's initial data in Taiwanese Mandarin: the names its own migrations give in English.

The admin shows these names as data, so no catalogue translates them: the root page 「Root」
(breadcrumbs, the page chooser, the explorer) and Wagtail's first home page 「Welcome to your new
Wagtail site!」 (the site history, where its removal is logged), the root collection 「Root」 (every collection
select), the groups 「Moderators」 and 「Editors」 (the group list, privacy settings) and the default
workflow and task 「Moderators approval」 (the workflow and task lists; the workflow is
deactivated by ``review.workflow_setup``). Only a row that still has Wagtail's name is renamed;
going back restores the English names.
"""

from django.db import migrations

#: model -> (field, Wagtail's name, ours)
RENAMES = [
    ("wagtailcore", "Page", "title", "Root", "根目錄"),
    ("wagtailcore", "Page", "title", "Welcome to your new Wagtail site!", "Wagtail 預設首頁"),
    ("wagtailcore", "Collection", "name", "Root", "根目錄"),
    ("auth", "Group", "name", "Moderators", "Wagtail 預設審核者"),
    ("auth", "Group", "name", "Editors", "Wagtail 預設編輯者"),
    ("wagtailcore", "Workflow", "name", "Moderators approval", "Wagtail 預設審核流程（未使用）"),
    ("wagtailcore", "Task", "name", "Moderators approval", "Wagtail 預設審核作業（未使用）"),
]


def _rename(apps, forwards):
    for app_label, model_name, field, wagtails, ours in RENAMES:
        model = apps.get_model(app_label, model_name)
        old, new = (wagtails, ours) if forwards else (ours, wagtails)
        rows = model.objects.filter(**{field: old})
        if model_name == "Page":  # Wagtail's root (depth 1) and its first home page (depth 2)
            rows.filter(depth__lte=2).update(title=new, draft_title=new)
        elif model_name == "Collection":
            rows.filter(depth=1).update(name=new)
        elif not model.objects.filter(**{field: new}).exists():  # group names are unique
            rows.update(**{field: new})


def forwards(apps, schema_editor):
    _rename(apps, True)


def backwards(apps, schema_editor):
    _rename(apps, False)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0011_unit_media_collection"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
