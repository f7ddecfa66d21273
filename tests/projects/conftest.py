import pytest


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Pages render without `collectstatic`'s manifest (tests run with DEBUG=0)."""
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
