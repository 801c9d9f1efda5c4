"""Organisation units and roles, the floor of governance: the unit and membership models,
Attachment 2's matrix, the roles and capabilities derived from it, unit and membership loading
and saving, the membership-change audit log, and the unit admin (單位管理).
"""
