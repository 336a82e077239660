"""Settings of the BIODIVA app, read from the environment."""

from portal.settings.env import env_int

# How long the link in the sign-up confirmation e-mail stays valid.
SIGNUP_CONFIRM_DAYS = env_int("BIODIVA_SIGNUP_CONFIRM_DAYS", 3)
# How many opportunities the result page and the report show at most.
MAX_OPPORTUNITIES = env_int("BIODIVA_MAX_OPPORTUNITIES", 8)
