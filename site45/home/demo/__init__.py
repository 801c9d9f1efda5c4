"""Demo content for ``manage.py seed_demo``: texts (content.py), generated files (files.py)
and the idempotent seeding itself (seed.py)."""
