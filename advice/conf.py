"""Settings of the advice app, read from the environment with sensible defaults."""

from portal.settings.env import env_int, env_str

# Personal data of a closed request (answered, referred or declined) is erased this many months later.
ANONYMISE_AFTER_MONTHS = env_int("ADVICE_ANONYMISE_AFTER_MONTHS", 24)
# Public requests per client address, form and API together (DRF rate: "10/hour", "5/minute").
REQUEST_RATE = env_str("ADVICE_REQUEST_RATE", "10/hour")
# At most this many photos and documents with one request.
MAX_ATTACHMENTS = env_int("ADVICE_MAX_ATTACHMENTS", 5)

# The province's team of ecologists: the same group as the fauna-passage monitoring team.
ECOLOGISTS_GROUP = "ecologists"
