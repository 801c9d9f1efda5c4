"""Credentials: password rules and two-factor sign-in.

- ``validators``: the password rules (length, common and predictable passwords, history)
- ``models.PasswordHistory``: the last hashes of each user's passwords
- ``password_age``: when a password is too old (``PASSWORD_MAX_AGE_DAYS``)
- ``two_factor``: who needs two-factor sign-in, devices, recovery codes, resets
- ``middleware.CredentialsGateMiddleware``: sends admin users to verify, set up or change
- ``views`` / ``forms`` / ``templates/credentials``: the pages of the two-factor flow
- ``wagtail_hooks``: admin URLs, the account-settings panels, the user-listing button
"""
