"""WCAG 2.1 AA in a real browser (issue 16): axe-core on every page a user can reach.

axe-playwright-python bundles axe-core (no network). Passing `options` replaces its defaults,
so the WCAG 2.0/2.1 A and AA tags are named here. The page list is one parameter and the
language another: the browser asks for the language with `Accept-Language` (the context's
`locale`), as a Norwegian user's browser does.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from breakdowns.dimensions import DIMENSIONS
from followup.models import Effort
from international.models import Instrument
from measures.models import Measure
from projects.models import Channel, Project

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LANGUAGES = ["en", "nb"]


def site_pages():
    """Every page an analyst or editor reaches, as (name, path); ids from the demo data."""
    project = Project.objects.order_by("pk").first()
    measure = Measure.objects.filter(projects__isnull=False).order_by("pk").first()
    channel = Channel.objects.filter(projects__isnull=False).order_by("pk").first()
    plan = f"{measure.plan.start_year}-{measure.plan.end_year}"
    instrument = Instrument.objects.order_by("pk").first()
    year = (
        Effort.objects.order_by("-reported_in").values_list("reported_in", flat=True).first()
        or 2007
    )
    pages = [
        ("overview", "/"),
        ("breakdowns", "/breakdowns/"),
        *((f"breakdown {slug}", f"/breakdowns/{slug}/") for slug in DIMENSIONS),
        *((f"breakdown {slug} by year", f"/breakdowns/{slug}/?by=year") for slug in DIMENSIONS),
        ("projects", "/projects/"),
        ("project", f"/projects/{project.pk}/"),
        ("published figures", "/published/"),
        ("recent changes", "/changes/"),
        ("measures", f"/measures/?year={year}"),
        ("measures, a year outside the plan", "/measures/?year=2003"),
        ("measure", f"/measures/{plan}/{measure.number}/"),
        ("measure, the plan's own years", f"/measures/{plan}/{measure.number}/?years=plan"),
        ("report", f"/report/{year}/"),
        ("report, the working draft", f"/report/{year}/?draft=1"),
        ("report in English", f"/report/{year}/?language=en"),
        ("report's draft in Norwegian", f"/report/{year}/?language=nb&draft=1"),
        ("instruments", "/instruments/"),
        ("instrument", f"/instruments/{instrument.pk}/"),
        ("organisations", "/organisations/"),
        ("organisation", f"/organisations/{channel.pk}/"),
        ("admin index", "/admin/"),
        ("project changelist", "/admin/projects/project/"),
        ("yearly amounts changelist", "/admin/funding/yearlyamount/"),
        ("project add form", "/admin/projects/project/add/"),
        ("project change form", f"/admin/projects/project/{project.pk}/change/"),
        ("plan change form (goals inline)", f"/admin/measures/plan/{measure.plan_id}/change/"),
        ("measure change form (statuses inline)", f"/admin/measures/measure/{measure.pk}/change/"),
        ("effort changelist (the report's order)", f"/admin/followup/effort/?reported_in={year}"),
        ("report heading changelist", "/admin/followup/reportheading/"),
        ("organisation change form (both names)", f"/admin/projects/channel/{channel.pk}/change/"),
        ("report text add form", "/admin/followup/reporttext/add/"),
        ("project entry page", "/projects/enter/"),
        ("project entry page, editing", f"/projects/{project.pk}/edit/"),
    ]
    return pages


def violations(page):
    """axe's violations on the page, one line per rule: id, impact, first few nodes."""
    result = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in result.response["violations"]
    ]


@pytest.fixture
def demo_data(reference_data):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_meets_wcag_21_aa(browser, live_server, demo_data, editor, language):
    editor.is_superuser = True  # the admin pages an editor sees, and the recent changes
    editor.save(update_fields=["is_superuser"])
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport={"width": 1366, "height": 800}
    )
    page = context.new_page()
    found = {}
    try:
        page.goto("/accounts/login/")
        found["login"] = violations(page)
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-pw-123")
        page.click("form.login button[type=submit]")  # not the language switch's button
        page.wait_for_load_state()
        for name, path in site_pages():
            response = page.goto(path)
            assert response.status == 200, (name, path, response.status)
            assert "/login/" not in page.url, (name, path, "reached the login page instead")
            found[name] = violations(page)
    finally:
        context.close()
    failing = {name: rules for name, rules in found.items() if rules}
    assert not failing, "\n".join(f"{name}: {rules}" for name, rules in failing.items())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_iati_setup_page_meets_wcag_21_aa(browser, live_server, editor, settings, language):
    """The page an IATI file answers while the reporting organisation is not set (503)."""
    settings.IATI_REPORTING_ORG_REF = ""
    context = browser.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-pw-123")
        page.click("form.login button[type=submit]")
        page.wait_for_load_state()
        for path in ("/iati/activities.xml", "/iati/organisation.xml"):
            response = page.goto(path)
            assert response.status == 503, (path, response.status)
            assert page.locator("h1").count() == 1
            assert violations(page) == [], path
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_pages_meet_wcag_21_aa(browser, live_server, demo_data, settings, language):
    """The public site (PUBLIC_SITE) as an anonymous visitor sees it, the 429 page too; the
    demo closes 2007."""
    settings.PUBLIC_SITE, settings.PUBLIC_RATE_LIMIT = True, 1000
    context = browser.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    found = {}
    try:
        pages = ["/public/", "/public/2007/report/", "/public/2007/published/"]
        pages += ["/public/2007/breakdowns/region/", "/public/2007/breakdowns/measure/"]
        for path in pages:
            response = page.goto(path)
            assert response.status == 200, (path, response.status)
            found[path] = violations(page)
        settings.PUBLIC_RATE_LIMIT = 1
        response = page.goto("/public/")
        assert response.status == 429
        found["too many requests"] = violations(page)
    finally:
        context.close()
    failing = {name: rules for name, rules in found.items() if rules}
    assert not failing, "\n".join(f"{name}: {rules}" for name, rules in failing.items())
