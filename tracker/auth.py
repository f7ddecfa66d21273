"""Logins: throttling (django-axes): the backend that checks it, and the handler that counts
failures by username and address and, with a higher limit of its own, by address alone; and
the login time the idle timeout starts from (tracker.idle)."""

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import Sum
from django.dispatch import receiver

from . import idle


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for logins that come with a request (the site's and the admin's
    login forms). Calls without one (the shell, the test client's `login()`) have no address
    to throttle and go straight to the password check instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler, locking an address too once its failures, whatever the
    usernames, reach AXES_ADDRESS_FAILURE_LIMIT within the cool-off.

    axes has one failure limit for every lockout parameter, so ["ip_address"] among
    AXES_LOCKOUT_PARAMETERS would lock an office's shared address after five typos by anyone,
    and a successful login (AXES_RESET_ON_SUCCESS) would delete every failure recorded from
    the address, so that anyone with an account could clear the count by logging in. Here the
    lockout parameter stays the pair (whose failures a success resets), and the address's sum
    over its pairs is compared with its own, higher limit."""

    def get_failures(self, request, credentials=None):
        """The pair's failures; or, once the address is over its own limit, at least
        AXES_FAILURE_LIMIT, which is how axes is told that the request is locked out."""
        failures = super().get_failures(request, credentials)
        limit = settings.AXES_ADDRESS_FAILURE_LIMIT
        if limit and address_failures(request) >= limit:
            request.login_address_limit = limit  # the lockout page names it
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request):
    """Failed logins from the request's address within the cool-off, whatever the usernames."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


# Connected when Django loads this module, which holds the first authentication backend: it
# does so before any login (the login forms authenticate through it; the test client's
# force_login looks its backend up).
@receiver(user_logged_in, dispatch_uid="tracker.auth.note_login")
def note_login(sender, request, user, **kwargs):
    """A new session's last use is its login, so its first request does not write it again."""
    if request is not None and hasattr(request, "session"):
        idle.seen(request)
