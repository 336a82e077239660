"""Names the app relies on in several places."""

ADVISORS_GROUP = "biodiva advisors"
COMPANY_USERS_GROUP = "biodiva company users"
