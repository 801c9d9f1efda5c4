"""Demo and measurement data, which needs every app, so it sits above them all and nothing
imports it: ``manage.py seed_demo`` (texts in content.py, generated files in files.py, the
demo team in team.py and the idempotent seeding itself in seed.py) and ``manage.py seed_bulk``
(many published pages for measurements, bulk_seed.py)."""
