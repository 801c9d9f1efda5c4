"""Personal data (個資): the 個資存取紀錄 access log and its report, masking names, retention
and anonymising of old applications, and which spreadsheet exports are recorded.
"""
