import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
# This process serves web requests: their statements are bounded (DATABASE_STATEMENT_TIMEOUT_MS,
# tracker/settings.py); management commands never load this module.
os.environ["TRACKER_SERVES_WEB"] = "1"
application = get_wsgi_application()
