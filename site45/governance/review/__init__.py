"""The 單位審核 workflow: the Wagtail task that sends a unit's submission to its reviewer,
who that reviewer is (and where review escalates), open reviews following the reviewer when
memberships change (``reassignment``), the mails it sends, installing the workflow, the review
dashboard panels, and not keeping unchanged drafts.
"""
