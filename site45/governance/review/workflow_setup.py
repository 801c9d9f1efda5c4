"""The 單位審核流程 workflow is installed for all content (SPEC §5).

``install_unit_review_workflow()`` is idempotent: it makes (or finds) the task 「單位審核」 and
the workflow 「單位審核流程」 whose only task it is, and assigns the workflow to the tree's root
(depth 1), so every page — every unit, every language — is moderated by it. Other page
assignments are removed (a nearer assignment would take precedence over the root's), and
Wagtail's default 「Moderators approval」 workflow, if no longer assigned and with nothing in
progress, is deactivated so nobody chooses it by mistake.

Called by the data migration ``0004_install_unit_review_workflow`` with the historical app
registry, and callable at any time (e.g. a test after a database flush) without arguments.
"""

WORKFLOW_NAME = "單位審核流程"
TASK_NAME = "單位審核"
WAGTAIL_DEFAULT_WORKFLOW_NAME = "Moderators approval"
#: Its name in the admin since migration 0012 (Wagtail's initial data in Taiwanese Mandarin).
WAGTAIL_DEFAULT_WORKFLOW_NAMES = (WAGTAIL_DEFAULT_WORKFLOW_NAME, "Wagtail 預設審核流程（未使用）")


def install_unit_review_workflow(apps=None):
    if apps is None:
        from django.apps import apps
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    UnitReviewerTask = apps.get_model("governance", "UnitReviewerTask")

    task_type, _created = ContentType.objects.get_or_create(app_label="governance", model="unitreviewertask")
    task = UnitReviewerTask.objects.filter(name=TASK_NAME).order_by("pk").first()
    if task is None:
        task = UnitReviewerTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    elif not task.active:
        UnitReviewerTask.objects.filter(pk=task.pk).update(active=True)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        Workflow.objects.filter(pk=workflow.pk).update(active=True)
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.exclude(page=root).delete()
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    for default in Workflow.objects.filter(name__in=WAGTAIL_DEFAULT_WORKFLOW_NAMES, active=True):
        assigned = WorkflowPage.objects.filter(workflow=default).exists()
        in_use = WorkflowState.objects.filter(workflow=default, status__in=["in_progress", "needs_changes"]).exists()
        if not assigned and not in_use:
            Workflow.objects.filter(pk=default.pk).update(active=False)
    return workflow
