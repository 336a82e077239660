"""Cron: ``manage.py send_meeting_reminders`` every 15 minutes or hourly. Never reminds anyone twice."""

from django.core.management.base import BaseCommand

from meetings import conf, services


class Command(BaseCommand):
    help = "E-mail a reminder to confirmed people of meetings that start within the configured hours."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours",
            type=int,
            default=conf.REMINDER_HOURS,
            help="How many hours before the start (default: MEETINGS_REMINDER_HOURS, %(default)s).",
        )

    def handle(self, *args, hours: int, **options) -> None:
        sent = services.send_reminders(hours=hours)
        self.stdout.write(f"Reminders sent: {sent}")
