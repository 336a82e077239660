"""``manage.py send_meeting_reminders``: what Celery beat runs every 15 minutes, on demand. Never reminds
anyone twice."""

from django.conf import settings
from django.core.management.base import BaseCommand

from meetings import services


class Command(BaseCommand):
    help = "E-mail a reminder to confirmed people of meetings that start within the configured hours."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours",
            type=int,
            default=settings.MEETINGS_REMINDER_HOURS,
            help="How many hours before the start (default: MEETINGS_REMINDER_HOURS, %(default)s).",
        )

    def handle(self, *args, hours: int, **options) -> None:
        queued = services.send_reminders(hours=hours)
        self.stdout.write(f"Reminders queued: {queued}")
