"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .environment import env

DEBUG = True
ALLOWED_HOSTS = ["*"]

# The demo (make run) opens the admin with the printed password alone; TWO_FACTOR_REQUIRED=1 (or
# true/on) in the environment shows the authenticator set-up the account roles get in production.
TWO_FACTOR_REQUIRED = env("TWO_FACTOR_REQUIRED", default=False)
