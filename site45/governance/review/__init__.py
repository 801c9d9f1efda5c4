"""The 單位審核 workflow: the Wagtail task that sends a unit's submission to its reviewer,
who that reviewer is (and where review escalates), the mails it sends, installing the
workflow, the review admin (queues, reassigning, empty seats), and not keeping unchanged drafts.
"""
