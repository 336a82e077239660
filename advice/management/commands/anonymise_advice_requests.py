"""``manage.py anonymise_advice_requests``: what Celery beat runs daily, on demand. Erases personal
data, keeps the figures."""

from django.conf import settings
from django.core.management.base import BaseCommand

from advice import services


class Command(BaseCommand):
    help = "Anonymise advice requests closed more than the configured number of months ago."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=settings.ADVICE_ANONYMISE_AFTER_MONTHS,
            help=(
                "Months after the request was closed or last changed"
                " (default: ADVICE_ANONYMISE_AFTER_MONTHS, %(default)s)."
            ),
        )

    def handle(self, *args, months: int, **options) -> None:
        count = services.anonymise_requests(months=months)
        self.stdout.write(f"Advice requests anonymised: {count}")
