"""The project page links to its entry form ("Edit") and to a new effort under the project and
its measures ("Add an effort"); the measure page links to a new effort under the measure. Each
link is shown only to those who may follow it, and the effort form arrives prefilled."""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from measures.models import Measure
from projects.roles import ANALYSTS, EDITORS


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("kari", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


@pytest.fixture
def analyst_only_client(client, django_user_model):
    analyst = django_user_model.objects.create_user("ana")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client.force_login(analyst)
    return client


@pytest.fixture
def project(make_agreement):
    return make_agreement({2007: "500"}, title="Shelter", measures=((1, 60), (2, 40))).project


def add_effort_link(page):
    """The page's "Add an effort" link, or ""."""
    found = re.search(r'<a href="([^"]*)">Add an effort<', page)
    return html.unescape(found.group(1)) if found else ""


def test_an_editor_sees_edit_and_add_an_effort_on_the_project_page(editor_client, project):
    response = editor_client.get(f"/projects/{project.pk}/")
    measures = ",".join(str(share.measure_id) for share in project.measure_shares.all())
    page = response.content.decode()
    assert f'href="/projects/{project.pk}/edit/">Edit<' in page
    add = add_effort_link(page)
    assert add == (
        reverse("admin:followup_effort_add")
        + f"?projects={project.pk}&measures={measures.replace(',', '%2C')}"
    )
    assert "Add an effort" in page


def test_the_effort_form_arrives_with_the_project_and_its_measures_chosen(editor_client, project):
    add = add_effort_link(editor_client.get(f"/projects/{project.pk}/").content.decode())
    form = editor_client.get(add)
    assert form.status_code == 200
    initial = form.context["adminform"].form.initial
    assert initial["projects"] == [str(project.pk)]
    assert sorted(initial["measures"]) == sorted(
        str(share.measure_id) for share in project.measure_shares.all()
    )
    assert "Shelter" in form.content.decode()  # the chosen project is shown in its box


def test_an_analyst_sees_neither_link(analyst_only_client, project):
    response = analyst_only_client.get(f"/projects/{project.pk}/")
    assert response.context["edit_url"] == "" and add_effort_link(response.content.decode()) == ""
    assert "Add an effort" not in response.content.decode()


def test_the_measure_page_links_to_a_new_effort_under_the_measure(editor_client, db):
    measure = Measure.objects.get(plan__start_year=2006, number=1)
    page = editor_client.get("/measures/2006-2009/1/").content.decode()
    assert f'{reverse("admin:followup_effort_add")}?measures={measure.pk}"' in page


def test_the_measure_page_has_no_effort_link_for_an_analyst(analyst_only_client, db):
    assert "Add an effort" not in analyst_only_client.get("/measures/2006-2009/1/").content.decode()
