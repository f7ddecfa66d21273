from django.conf import settings


def client_ip(request):
    """The address a request came from, for throttling failed logins.

    Behind our reverse proxy (BEHIND_TLS_PROXY) it is the last X-Forwarded-For entry: the one
    the proxy appended; earlier entries come from the client and can be forged.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
