"""Journey 5: who can reach what, in a real browser."""


def test_anonymous_visitors_are_sent_to_log_in(page, reference_data):
    pages = ["/", "/breakdowns/region/", "/projects/", "/published/", "/changes/", "/admin/"]
    for path in [*pages, "/measures/", "/measures/2006-2009/2/", "/report/2007/"]:
        page.goto(path)
        assert "login" in page.url, path
        assert page.locator("#id_username").is_visible()


def test_an_analyst_cannot_reach_an_admin_change_form(page, log_in, analyst, make_agreement):
    agreement = make_agreement()
    log_in("analyst", "analyst-pw-123")
    page.goto(f"/admin/projects/agreement/{agreement.pk}/change/")
    assert "/admin/login/" in page.url
    assert page.locator("input[name=amounts-0-amount]").count() == 0
