"""The most queries each public request may ask, whatever the size of the site (SPEC: fast at
the agency's size). Checked at 100 and 5,000 pages by ``test_query_budgets.py``, in English by
``test_templates.py``."""

BUDGETS = {
    "home": 12,
    "index": 12,
    "index_page_50": 12,
    "detail": 10,
    "api_list": 8,
    "feed": 8,
}
