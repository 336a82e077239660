from django.core.management.base import BaseCommand, CommandError

from monitoring import camtrap


class Command(BaseCommand):
    help = "Import a Camtrap DP 1.0.2 data package (a folder or a zip file)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="folder or zip file with datapackage.json and the three tables")

    def handle(self, *args, source: str, **options):
        try:
            counts = camtrap.import_package(files=camtrap.read_package(source))
        except camtrap.PackageError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {counts['deployments']} deployments, {counts['media']} media and "
                f"{counts['observations']} observations."
            )
        )
