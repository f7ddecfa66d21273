"""The admin pages of efforts and statuses, and the measure's page with both inlines."""

import pytest

from .conftest import measure


def test_the_measure_page_shows_its_efforts_and_statuses(
    superuser_client, make_effort, make_status
):
    make_effort(title="NATO roadmap", measures=(2,))
    make_status(number=2, status="ongoing", summary="Roadmap adopted")
    page = superuser_client.get(f"/admin/measures/measure/{measure(2).pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "efforts recorded under this measure" in content.lower()
    assert "2007: NATO roadmap" in content
    assert "Roadmap adopted" in content


def test_the_effort_and_status_change_forms_render(superuser_client, make_effort, make_status):
    effort = make_effort()
    status = make_status()
    assert superuser_client.get(f"/admin/followup/effort/{effort.pk}/change/").status_code == 200
    url = f"/admin/measures/measurestatus/{status.pk}/change/"
    assert superuser_client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 300])
def test_the_effort_list_runs_a_fixed_number_of_queries(
    superuser_client, make_effort, django_assert_max_num_queries, count
):
    for i in range(count):
        make_effort(title=f"Effort {i}", measures=(1 + i % 3, 2), region="Europe")
    with django_assert_max_num_queries(12):
        response = superuser_client.get("/admin/followup/effort/?reported_in=2007")
    assert response.status_code == 200


def test_editors_set_the_reports_order_from_the_effort_list(superuser_client, make_effort):
    first = make_effort(title="Seminar", narrative="A seminar in Hanoi.", order=1)
    second = make_effort(title="Lecture", narrative="A lecture in Tokyo.", order=2)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(first.pk),
        "form-0-order": "2",
        "form-1-id": str(second.pk),
        "form-1-order": "1",
        "_save": "Save",
    }
    response = superuser_client.post("/admin/followup/effort/?reported_in=2007", data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (2, 1)
    listing = superuser_client.get("/admin/followup/effort/?reported_in=2007").content.decode()
    assert 'aria-label="Order, row 1"' in listing and 'aria-label="Order, row 2"' in listing
    report = superuser_client.get("/report/2007/").content.decode()
    assert report.index("A lecture in Tokyo.") < report.index("A seminar in Hanoi.")


@pytest.mark.parametrize("page", ["reportheading", "reporttext"])
def test_the_heading_and_text_lists_and_forms_render(superuser_client, page):
    assert superuser_client.get(f"/admin/followup/{page}/").status_code == 200
    assert superuser_client.get(f"/admin/followup/{page}/add/").status_code == 200
