"""Django's permission rows named in Taiwanese Mandarin.

Django writes every model's default permissions at migrate time with English names (「Can add
user」, 「Can delete 單位」), and Wagtail's group form reads them as they are: they label the add,
change and delete boxes for screen readers. After every ``migrate`` each default permission is
named from its model's zh-Hant verbose name: 「可新增使用者」, 「可刪除單位」. A custom permission takes its name's translation from the
catalogues (Wagtail's 「Publish any page」: 「發布任意頁面」), where there is one: Wagtail shows it
both through the catalogue and as it is stored (「Wagtail 核心組件 | 頁面 | …」).
"""

import re

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.translation import gettext_lazy as _

#: Django's default actions, as the group form's columns call them.
ACTIONS = {"add": _("新增"), "change": _("修改"), "delete": _("刪除"), "view": _("檢視")}
LANGUAGE = "zh-hant"
CJK = re.compile(r"[\u4e00-\u9fff]")
NAME_LENGTH = Permission._meta.get_field("name").max_length


def default_action(permission):
    """``add``/``change``/``delete``/``view`` if ``permission`` is one Django made for its model."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in ACTIONS or permission.codename != f"{action}_{model._meta.model_name}":
        return None
    return action


def zh_hant_name(permission):
    """The permission's name in zh-Hant, or ``None`` when there is none to give."""
    action = default_action(permission)
    with translation.override(LANGUAGE):
        if action is None:
            translated = translation.gettext(permission.name)
            return translated[:NAME_LENGTH] if CJK.search(translated) else None
        model = permission.content_type.model_class()
        return f"可{ACTIONS[action]}{model._meta.verbose_name}"[:NAME_LENGTH]


def name_permissions_in_zh_hant(app_config=None, using="default", apps=global_apps, **kwargs):
    """``post_migrate`` (sent for each app): rename the app's default permissions that are not
    named so yet. This app's handler runs before auth's for apps listed after governance, so it
    first has auth write the app's permissions (``create_permissions`` adds only what is missing)."""
    permissions = Permission.objects.using(using).select_related("content_type")
    if app_config is not None:
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        permissions = permissions.filter(content_type__app_label=app_config.label)
    renamed = []
    for permission in permissions:
        name = zh_hant_name(permission)
        if name is not None and permission.name != name:
            permission.name = name
            renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"], batch_size=500)
    return len(renamed)
