"""Every page sends a Content-Security-Policy that allows nothing inline and nothing from another
origin, and our templates give it nothing inline to refuse. The browser journeys
(tests/browser/) fail on any violation the browser reports."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The report as a file for print (build_report --format html) is opened from disk, never
# served, so no policy applies to it; its inline <style> keeps the file self-contained.
NOT_SERVED = {"followup/report_document.html"}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)


def policy(response):
    parts = [directive.split() for directive in response["Content-Security-Policy"].split(";")]
    return {part[0]: part[1:] for part in parts if part}


def test_it_sends_a_policy_without_inline_code_or_other_origins(superuser_client):
    directives = policy(superuser_client.get("/"))
    assert directives["default-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for name in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert directives[name] == ["'self'"], name
    assert "unsafe-inline" not in str(directives)


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/admin/login/"])
def test_pages_before_login_send_it_too(client, db, path):
    assert "frame-ancestors 'none'" in client.get(path)["Content-Security-Policy"]


def test_no_template_of_ours_holds_inline_script_or_style():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match[0]!r}"
        for path in sorted(TEMPLATES.rglob("*.*"))
        if str(path.relative_to(TEMPLATES)) not in NOT_SERVED
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


CHECKED_ADMIN_PAGES = [
    "admin:index",
    "admin:projects_project_add",
    "admin:projects_project_changelist",
    "admin:funding_yearlyamount_changelist",
    "admin:funding_yearlyamount_import",
    "admin:international_instrumentstatus_import",
]


@pytest.mark.parametrize("name", CHECKED_ADMIN_PAGES)
def test_the_admin_pages_we_use_hold_no_inline_script_or_style(superuser_client, name):
    response = superuser_client.get(reverse(name))
    assert response.status_code == 200
    found = INLINE.findall(response.content.decode())
    assert not found, found


def test_every_admin_changelist_holds_no_inline_script_or_style(superuser_client):
    found = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        if hits := INLINE.findall(superuser_client.get(url).content.decode()):
            found[url] = hits
    assert not found, found
