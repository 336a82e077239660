"""Fixed names of the advice app (settings that may change per deployment live in settings)."""

# The province's team of ecologists: the same group as the fauna-passage monitoring team.
ECOLOGISTS_GROUP = "ecologists"
