import getpass
import secrets
import sys

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.roles import ROLES


class Command(BaseCommand):
    help = (
        "Creates a user with the role editor, unit-editor or analyst, prompting for or "
        "generating a password."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args, username, role, email, password_stdin, **options):
        stdin = options.get("stdin") or sys.stdin
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"A user {username!r} exists already (new password? run: "
                f"python manage.py changepassword {username})."
            )
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist:
            raise CommandError(f"The group {ROLES[role]!r} is missing: run migrate.") from None

        user = User(username=username, email=email, is_staff=role != "analyst")
        generated = False
        if password_stdin:
            password = stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
            self.validate(password, user)
        elif stdin.isatty():
            password = self.prompt(user)
        else:
            password = secrets.token_urlsafe(16)
            generated = True

        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Created {role} {username!r}."))
        if generated:
            self.stdout.write(f"Password (shown once, note it now): {password}")

    def validate(self, password, user):
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None

    def prompt(self, user):
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match; try again.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write("Password refused: " + " ".join(error.messages))
                continue
            return password
        raise CommandError("No acceptable password after three attempts.")
