"""Account applications (帳號申請) and the account lifecycle: the public filing form and its
routing to reviewers, what an approval does, the daily account rules and their notices and
mails, admin-activity tracking, the lifecycle audit log, the 帳號異動紀錄 report and the dashboard.
"""
