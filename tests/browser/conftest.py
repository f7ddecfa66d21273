"""Browser journeys: Playwright's sync API driving Debian's Chromium against live_server.

live_server runs in transactional tests, which flush the rows the data migrations loaded, so the
`reference_data` fixture reloads them from fixtures/reference/.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from projects.roles import ROLES, sync_roles

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (not by the server) must be allowed from it. Only the browser tests set this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps`.")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def reference_data(transactional_db):
    call_command("load_reference")
    sync_roles()


def make_user(username, role):
    user = get_user_model().objects.create_user(
        username, password=f"{username}-pw-123", is_staff=role != "analyst"
    )
    user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


@pytest.fixture
def editor(reference_data):
    return make_user("editor", "editor")


@pytest.fixture
def analyst(reference_data):
    return make_user("analyst", "analyst")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "page" in item.funcargs:
        page = item.funcargs["page"]
        ARTIFACTS.mkdir(exist_ok=True)
        stem = ARTIFACTS / re.sub(r"[^\w.-]+", "_", item.nodeid)
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
            print(f"\nBrowser artifacts: {stem}.png and {stem}.html")
        except Exception as error:  # the page may be gone with the failure
            print(f"\nCould not save browser artifacts for {item.nodeid}: {error}")


# Records every Content-Security-Policy violation the page reports (a blocked inline script or
# style, a third-party origin, …) through the binding the `page` fixture exposes.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolation([event.documentURI, event.effectiveDirective, event.blockedURI,
                       event.sourceFile + ":" + event.lineNumber, event.sample].join(" | "));
});
"""


@pytest.fixture
def csp_violations():
    return []


@pytest.fixture
def page(browser, live_server, csp_violations):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 800})
    context.set_default_timeout(15_000)
    context.expose_function("cspViolation", lambda text: csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    yield page
    context.close()
    if csp_violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(csp_violations))


@pytest.fixture
def log_in(page):
    def log_in(username, password):
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form.login button[type=submit]")  # not the language switch
        page.wait_for_load_state()

    return log_in
