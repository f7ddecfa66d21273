"""`manage.py reopen_year YEAR --reason "…"`: reopen a closed reporting year."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from breakdowns.closing import ClosingError, reopen_year

from .close_year import user_named


class Command(BaseCommand):
    help = "Reopen a closed reporting year so that its yearly amounts can change again."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--reason", required=True, help="Why the year is reopened.")
        parser.add_argument("--user", help="The user recorded as reopening it (default: none).")

    def handle(self, year, reason, user, **options):
        try:
            reopen_year(year, user=user_named(user), reason=reason)
        except ClosingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Reopened %(year)s: its yearly amounts can change again.") % {"year": year}
        )
