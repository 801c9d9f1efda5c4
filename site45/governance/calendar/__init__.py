"""Working days (工作日行事曆): the calendar exceptions (holidays, 補班, closures) and their
seeding from Taiwan's published make-up workdays, counting working days for deadlines, and the
calendar admin.
"""
