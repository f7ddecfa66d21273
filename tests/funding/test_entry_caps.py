"""Caps on the nested rows of the one-page entry (issue 30, row 11): a post with more
agreements or more amount rows than the page takes is refused with a message, without building
a form for every row posted."""

from funding.entry import MAX_AGREEMENTS, MAX_AMOUNTS
from projects.models import Project
from tests.funding.test_project_entry import editor_client, entry_data, management  # noqa: F401


def test_too_many_amount_rows_are_refused_with_a_message(editor_client):  # noqa: F811
    data = entry_data() | management("agreements-0-amounts", 2_000)
    response = editor_client.post("/projects/enter/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"An agreement takes at most {MAX_AMOUNTS} yearly amounts on this page" in page
    assert len(response.context["entry"].amounts[0].forms) == MAX_AMOUNTS
    assert not Project.objects.exists()


def test_too_many_agreements_are_refused_with_a_message(editor_client):  # noqa: F811
    data = entry_data() | management("agreements", 2_000)
    response = editor_client.post("/projects/enter/", data)
    page = response.content.decode()
    assert f"This page takes at most {MAX_AGREEMENTS} agreements of a project" in page
    assert len(response.context["entry"].agreements.forms) == MAX_AGREEMENTS
    assert not Project.objects.exists()


def test_a_project_within_the_caps_saves(editor_client):  # noqa: F811
    assert editor_client.post("/projects/enter/", entry_data()).status_code == 302
