"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]

# The demo (make run) opens the admin with the printed password alone; TWO_FACTOR_REQUIRED=1 in
# the environment shows the authenticator set-up the account roles get in production.
TWO_FACTOR_REQUIRED = os.environ.get("TWO_FACTOR_REQUIRED", "0") == "1"
