"""Organisation units and roles: Attachment 2's matrix, the roles and capabilities derived from
it, unit and membership loading and saving, the membership-change audit log, the user and unit
admin (單位管理), and how staff names are shown across units.
"""
