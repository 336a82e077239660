"""Names the app relies on in several places."""

# Staff who may add and edit realised projects in the admin (and nothing else of the portal).
EDITORS_GROUP = "project editors"

# The programme a project was made in; the only one so far has its own page.
TWO_B_CONNECT = "2b_connect"
