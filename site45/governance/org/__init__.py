"""Organisation units and roles: Attachment 2's matrix, the roles and capabilities derived from
it, unit and membership loading and saving, the membership-change audit log, and the user and
unit admin (單位管理).
"""
