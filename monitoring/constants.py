"""Names shared across the app."""

ECOLOGISTS = "ecologists"
STUDENTS = "students"
