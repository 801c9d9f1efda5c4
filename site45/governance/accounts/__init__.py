"""Account applications (帳號申請) and the account lifecycle: which unit receives a unit's
applications (``jurisdiction``), the public filing form, who sees and is mailed about an
application (``routing``), what an approval does, the daily account rules and their notices and
mails, admin-activity tracking, the lifecycle audit log, the 帳號異動紀錄 report, the user admin,
the dashboard, and the twice-yearly account review (``semiannual_audit``).
"""
