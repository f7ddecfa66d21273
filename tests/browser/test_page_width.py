"""No page is wider than a 1 280-pixel window at the demo's data, in either language: wide
tables scroll inside their box (the first column and the header stay put) and selects wrap
long titles (issue 34)."""

import pytest

from .test_accessibility import LANGUAGES, demo_data, site_pages  # noqa: F401 (a fixture)

WIDTH = 1280


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_is_wider_than_the_window(browser, live_server, demo_data, editor, language):  # noqa: F811
    editor.is_superuser = True  # the recent changes too
    editor.save(update_fields=["is_superuser"])
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport={"width": WIDTH, "height": 900}
    )
    page = context.new_page()
    too_wide = {}
    try:
        page.goto("/accounts/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-pw-123")
        page.click("form.login button[type=submit]")
        page.wait_for_load_state()
        for name, path in site_pages():
            if path.startswith("/admin/"):
                continue  # Django's own admin pages
            assert page.goto(path).status == 200, (name, path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                too_wide[name] = width
    finally:
        context.close()
    assert not too_wide, too_wide


def test_a_wide_tables_first_column_and_header_stay_in_view(
    browser,
    live_server,
    demo_data,  # noqa: F811
    editor,
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-pw-123")
        page.click("form.login button[type=submit]")
        page.wait_for_load_state()
        page.goto("/breakdowns/country/?by=year")
        box = page.locator(".table-scroll").first
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # it does scroll
        first = box.locator("tbody th").first
        left = first.bounding_box()["x"]
        box.evaluate("el => el.scrollBy(400, 0)")
        assert first.bounding_box()["x"] == left  # the row's name stays put
        header = box.locator("thead th").last
        box.evaluate("el => el.scrollBy(0, 300)")
        assert header.bounding_box()["y"] == box.bounding_box()["y"]  # the header stays on top
    finally:
        context.close()
