import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Creates a local superuser 'admin' with a generated password unless a superuser exists, "
        "then prints the address and the login in a frame."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--address", default="http://127.0.0.1:8000/")
        parser.add_argument(
            "--password-file",
            default=str(Path(settings.BASE_DIR) / ".admin-password"),
            help="Where the generated password is kept (git-ignored) so that each run shows it.",
        )

    def handle(self, *args, username, address, password_file, **options):
        User = get_user_model()
        password_path = Path(password_file)
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        if admin is None:
            password = secrets.token_urlsafe(12)
            admin = User.objects.create_superuser(username=username, email="", password=password)
            password_path.touch(mode=0o600)
            password_path.write_text(password + "\n")
        else:
            password = self.kept_password(admin, password_path)
        if password:
            login = [f"Log in as:  {admin.get_username()}", f"Password:   {password}"]
        else:
            login = [
                f"Log in as:  {admin.get_username()}, with the password you set",
                "Forgotten?  python manage.py changepassword " + admin.get_username(),
            ]
        self.stdout.write(self.framed([f"Open:       {address}", *login, "Stop with:  Ctrl-C"]))

    def kept_password(self, admin, password_path):
        """The generated password, while the file still holds the one the account uses."""
        if not password_path.is_file():
            return ""
        password = password_path.read_text().strip()
        return password if password and admin.check_password(password) else ""

    def framed(self, lines):
        width = max(len(line) for line in lines)
        rule = "+" + "-" * (width + 2) + "+"
        body = [f"| {line.ljust(width)} |" for line in lines]
        return "\n".join(["", rule, *body, rule, ""])
