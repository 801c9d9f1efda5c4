"""Shared plumbing that every app may use and that knows no app of this project.

Nothing here imports from ``site45`` outside ``core``: governance, sign-in, credentials and the
content apps depend on ``core``, never the other way round (the layers contract in
``pyproject.toml``, ``make lint``). What a module here needs from an app (which export is recorded
in the personal-data access log, and how; what sign-in and credentials ask about accounts,
``account_policy``) it is told through a setting.
"""
