"""Issue 34, a new user's first steps in a browser: on the login page the first Tab stops and
Enter log in (the language switch comes after); the project page leads to its entry form
("Edit") and to the admin's effort form with the project and its measures chosen."""

from .test_entry_journey import tab_to


def test_the_keyboard_reaches_log_in_before_the_language_switch(page, editor):
    page.goto("/accounts/login/")
    order = []
    for _ in range(8):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate("() => document.activeElement.id || document.activeElement.textContent")
        )
    assert order.index("Log in") < order.index("language-switch")
    page.goto("/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("editor")
    page.keyboard.press("Tab")
    page.keyboard.type("editor-pw-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login/" not in page.url and page.locator("html").get_attribute("lang") == "en"


def test_the_project_page_leads_to_edit_and_to_a_new_effort(page, log_in, editor, make_agreement):
    project = make_agreement({2007: "500"}, title="Shelter", measures=((1, 100),)).project
    log_in("editor", "editor-pw-123")
    page.goto(f"/projects/{project.pk}/")
    page.click("main a:text-is('Edit')")
    assert page.url.endswith(f"/projects/{project.pk}/edit/")
    assert page.input_value("#id_title") == "Shelter"
    page.go_back()
    page.click("main a:text-is('Add an effort')")
    page.wait_for_load_state()
    assert "/admin/followup/effort/add/" in page.url
    chosen = "#id_{} option[selected]"
    texts = "options => options.map(option => option.textContent.trim())"
    assert page.eval_on_selector_all(chosen.format("projects"), texts) == ["Shelter"]
    measures = page.eval_on_selector_all(chosen.format("measures"), texts)
    assert len(measures) == 1 and measures[0].startswith("Measure 1:")
