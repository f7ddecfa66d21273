import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
# As tracker/wsgi.py: this process serves web requests, whose statements are bounded.
os.environ["TRACKER_SERVES_WEB"] = "1"
application = get_asgi_application()
