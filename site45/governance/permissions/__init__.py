"""Who may see and do what in the admin: the one scoping rule (``policy``), the groups and page
permissions derived from membership (``grants``), Wagtail's permission testers, the guards on
admin views, other units' staff names masked in the page admin, unit media collections, the
page listings, and the Attachment-2 system check.
"""
