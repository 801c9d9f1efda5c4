"""帳號清查, the twice-yearly account review: opening an audit of every account, the auditors'
keep/suspend decisions and applying them, the audit admin, and its spreadsheet export.
"""
