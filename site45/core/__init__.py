"""Shared plumbing that every app may use and that knows no app of this project.

Nothing here imports from ``site45``: governance, sign-in, credentials and the content apps
depend on ``core``, never the other way round. What a module here needs from an app (which
export is recorded in the personal-data access log, and how) it is told through a setting.
"""
