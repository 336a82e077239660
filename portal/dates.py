"""One rule for every date and moment a person or client sends: inside the calendar the portal
works with, and a time-zone offset that exists on Earth (UTC-12:00 to UTC+14:00, with margin).

Python and SQLite accept years up to 9999 and offsets up to ±24 hours; adding a day to 9999-12-31
overflows, and PostgreSQL refuses offsets beyond ±15:59. Validators here keep such values out of
forms, serializers and filters, so they answer a field error instead of a server error.
"""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
MAX_OFFSET = timedelta(hours=14)


def validate_date_in_range(value: date) -> None:
    """A date (or the date of a moment) between 1900-01-01 and 2999-12-31."""
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            code="date_out_of_range",
        )


def validate_end_after_start(
    *,
    start: date | None,
    end: date | None,
    field: str = "end",
    message: "str | _StrPromise" = "",
    same_allowed: bool = False,
) -> None:
    """The one rule of a period: when both are given, the end comes after the start.

    ``same_allowed`` lets a period of whole days end on its first day. Raises a ValidationError on
    ``field`` (with ``message``, or "The end must be after the start."). Models call it in ``clean``
    (so their ModelForms and the admin apply it), serializers and plain forms call it themselves.
    """
    if start is None or end is None or end > start or (same_allowed and end == start):
        return
    error = ValidationError(message or _("The end must be after the start."), code="end_before_start")
    raise ValidationError({field: error})


def validate_moment(value: datetime) -> None:
    """A moment in range whose time-zone offset is at most 14 hours from UTC."""
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValidationError(
            _("Enter a time-zone offset between -14:00 and +14:00."), code="offset_out_of_range"
        )
    validate_date_in_range(value)
