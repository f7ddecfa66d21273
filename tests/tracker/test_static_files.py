import json

import pytest
from django.core.management import call_command
from django.template import engines
from django.test import Client

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic with the production storage (DEBUG off) into a scratch STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_collectstatic_writes_hashed_compressed_files_and_a_manifest(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    assert (collected / hashed).exists()
    assert (collected / f"{hashed}.gz").exists()
    assert "admin/css/base.css" in manifest


@pytest.mark.django_db
def test_whitenoise_serves_the_hashed_file_for_a_year(collected):
    url = engines["django"].from_string("{% load static %}{% static 'css/site.css' %}").render()
    assert url.startswith("/static/css/site.") and url != "/static/css/site.css"
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Type"].startswith("text/css")
