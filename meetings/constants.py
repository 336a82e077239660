"""Names the app relies on in several places."""

# The group whose members organise meetings and see attendee data.
ORGANISERS_GROUP = "organisers"
