"""`manage.py close_year YEAR --note "…"`: close a reporting year (funding/closing.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from breakdowns.closing import ClosingError, close_year


def user_named(username):
    if username is None:
        return None
    try:
        return get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        raise CommandError(_("No user is named %(name)s.") % {"name": repr(username)}) from None


class Command(BaseCommand):
    help = "Close a reporting year: its yearly amounts can no longer change; figures are kept."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--note", required=True, help="Why, e.g. the report's publication.")
        parser.add_argument("--user", help="The user recorded as closing it (default: none).")

    def handle(self, year, note, user, **options):
        try:
            closed = close_year(year, user=user_named(user), note=note)
        except ClosingError as error:
            raise CommandError(str(error)) from None
        figures = closed.snapshot["figures"]
        kept = sum(value is not None for value in figures.values())
        self.stdout.write(
            _(
                "Closed %(year)s; the snapshot keeps %(count)s published figures "
                "(%(kept)s with data)."
            )
            % {"year": year, "count": len(figures), "kept": kept}
        )
