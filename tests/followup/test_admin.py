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
