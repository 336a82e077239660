"""Names the app relies on in several places."""

ADVISORS_GROUP = "biodiva advisors"
COMPANY_USERS_GROUP = "biodiva company users"
# Province staff who follow the scan: see every company and the anonymous overview.
STAFF_GROUP = "biodiva staff"
