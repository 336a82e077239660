"""``manage.py anonymise_registrations``: what Celery beat runs daily, on demand. Erases personal data,
keeps the counts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from meetings import services


class Command(BaseCommand):
    help = "Anonymise the registrations of meetings that ended more than the configured months ago."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=settings.MEETINGS_ANONYMISE_AFTER_MONTHS,
            help="Months after the meeting (default: MEETINGS_ANONYMISE_AFTER_MONTHS, %(default)s).",
        )

    def handle(self, *args, months: int, **options) -> None:
        count = services.anonymise_registrations(months=months)
        self.stdout.write(f"Registrations anonymised: {count}")
