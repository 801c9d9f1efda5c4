from django.db import migrations


def install(apps, schema_editor):
    from site45.governance.review.workflow_setup import install_unit_review_workflow

    install_unit_review_workflow(apps)


class Migration(migrations.Migration):
    """Every page is moderated by 單位審核流程 (the single task 單位審核), assigned at the root."""

    dependencies = [
        ("governance", "0003_unitreviewertask_unitreviewtaskstate"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
