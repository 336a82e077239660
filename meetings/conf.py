"""Settings of the meetings app, read from the environment with sensible defaults."""

from portal.settings.env import env_int, env_str

# Reminder e-mails go out this many hours before a meeting starts (run send_meeting_reminders often).
REMINDER_HOURS = env_int("MEETINGS_REMINDER_HOURS", 24)
# Personal data of registrations is anonymised this many months after the meeting.
ANONYMISE_AFTER_MONTHS = env_int("MEETINGS_ANONYMISE_AFTER_MONTHS", 12)
# How long a built calendar feed is reused (it is rebuilt at once when a meeting changes).
FEED_CACHE_SECONDS = env_int("MEETINGS_FEED_CACHE_SECONDS", 600)
# Public registrations per client address, form and API together (DRF rate: "30/hour", "5/minute").
API_REGISTRATION_RATE = env_str("MEETINGS_API_REGISTRATION_RATE", "30/hour")
# Page size of the public meetings list.
PAGE_SIZE = env_int("MEETINGS_PAGE_SIZE", 20)

# The group whose members organise meetings and see attendee data.
ORGANISERS_GROUP = "organisers"
