"""The one-page project entry (funding/entry.py, /projects/enter/ and /projects/<id>/edit/)."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from funding.models import Fact, YearlyAmount
from measures.models import Measure
from projects.models import AdministeringUnit, Agreement, Channel, Project, Recipient
from projects.roles import EDITORS, sync_roles
from tests.conftest import assert_derived_data_fresh


@pytest.fixture
def editor_client(client, django_user_model):
    sync_roles()
    user = django_user_model.objects.create_user("kari", password="pw-kari-123", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    client.user = user
    return client


def measure(number):
    return Measure.objects.get(plan__start_year=2006, number=number).pk


def unit(name):
    return AdministeringUnit.objects.get(name=name).pk


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def entry_data(shares=((1, "60"), (2, "40")), amounts=None, **project):
    """A new project with two agreements; `amounts` per agreement: [(year, amount, status)]."""
    amounts = amounts or [
        [(2006, "1000", "allocated"), (2007, "2000", "disbursed"), (2008, "3000", "planned")],
        [(2007, "400", "allocated"), (2008, "500", "allocated")],
    ]
    data = {
        "title": "Shelter in Tirana",
        "channel": Channel.objects.get(name="International Organization for Migration").pk,
        "recipient": Recipient.objects.get(name="Albania").pk,
        "objective": "main",
        **management("shares", len(shares)),
        **management("agreements", 2),
        **project,
    }
    for i, (number, share) in enumerate(shares):
        data |= {f"shares-{i}-measure": measure(number), f"shares-{i}-share": share}
    units = ["West Balkans Section", "Section for Human Rights and Democracy"]
    for a, rows in enumerate(amounts):
        first, last = (2006, 2008) if a == 0 else (2007, 2008)
        data |= {
            f"agreements-{a}-unit": unit(units[a]),
            f"agreements-{a}-first_year": first,
            f"agreements-{a}-last_year": last,
            **management(f"agreements-{a}-amounts", len(rows)),
        }
        for r, (year, amount, status) in enumerate(rows):
            prefix = f"agreements-{a}-amounts-{r}"
            data |= {f"{prefix}-year": year, f"{prefix}-amount": amount, f"{prefix}-status": status}
    return data


def error_beside(html, field_id):
    """The error text inside the label of the input `field_id` (errors sit in the label)."""
    match = re.search(rf'<label for="{field_id}">(.*?)</label>', html, re.S)
    assert match, f"no label for {field_id}"
    return " ".join(re.findall(r'<span class="error">(.*?)</span>', match.group(1)))


def test_it_saves_a_project_with_two_agreements_and_five_amounts(editor_client):
    response = editor_client.post("/projects/enter/", entry_data())
    project = Project.objects.get(title="Shelter in Tirana")
    assert response.status_code == 302
    assert response.url == f"/projects/{project.pk}/"
    shares = dict(project.measure_shares.values_list("measure__number", "share"))
    assert shares == {1: Decimal(60), 2: Decimal(40)}
    assert project.agreements.count() == 2
    amounts = YearlyAmount.objects.filter(agreement__project=project)
    assert amounts.count() == 5
    assert Fact.objects.filter(project=project).summary()["total"] == Decimal("6900.00")
    assert amounts.get(agreement__first_year=2006, year=2007).status == "disbursed"


def test_it_records_the_history_with_the_editor_as_the_admin_does(editor_client):
    editor_client.post("/projects/enter/", entry_data())
    project = Project.objects.get(title="Shelter in Tirana")
    assert project.history.get().history_user == editor_client.user
    amounts = YearlyAmount.history.filter(agreement__project_id=project.pk)
    assert amounts.count() == 5
    assert {record.history_user for record in amounts} == {editor_client.user}


@pytest.mark.parametrize(
    ("change", "field_id", "message"),
    [
        ({"title": ""}, "id_title", "This field is required."),
        ({"shares-1-share": "30"}, None, "The measure shares add up to 90 %"),
        ({"agreements-1-amounts-0-year": "2005"}, "id_agreements-1-amounts-0-year",
         "2005 lies outside the agreement"),
        ({"agreements-0-amounts-1-year": "2006"}, "id_agreements-0-amounts-1-year",
         "2006 is entered twice."),
        ({"agreements-0-last_year": "2004"}, "id_agreements-0-last_year",
         "cannot come before the first year"),
        ({"agreements-0-amounts-2-amount": "-5"}, "id_agreements-0-amounts-2-amount",
         "greater than or equal to 0"),
        ({"agreements-1-unit": "@West Balkans Section"}, "id_agreements-1-unit",
         "already funds this project"),
    ],
)  # fmt: skip
def test_each_error_is_shown_beside_its_field_and_nothing_is_saved(
    editor_client, change, field_id, message
):
    change = {k: unit(v[1:]) if v.startswith("@") else v for k, v in change.items()}
    response = editor_client.post("/projects/enter/", entry_data() | change)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    if field_id:
        assert message in error_beside(html, field_id)
    else:
        assert message in html
    assert not Project.objects.filter(title="Shelter in Tirana").exists()
    assert not Agreement.objects.filter(project__title="Shelter in Tirana").exists()


def test_an_add_button_brings_the_page_back_with_one_more_row_and_no_errors(editor_client):
    data = entry_data(title="") | {"add": "agreements-1-amounts"}
    response = editor_client.post("/projects/enter/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="agreements-1-amounts-2-year"' in html
    assert 'class="error"' not in html
    assert not Project.objects.exists() or not Project.objects.filter(title="").exists()


def test_a_new_agreement_added_by_button_starts_with_blank_years(editor_client):
    response = editor_client.post("/projects/enter/", entry_data() | {"add": "agreements"})
    html = response.content.decode()
    assert 'name="agreements-2-unit"' in html
    assert 'name="agreements-2-amounts-2-year"' in html


def test_amounts_without_their_agreement_are_refused(editor_client):
    data = entry_data() | management("agreements", 3)
    data |= management("agreements-2-amounts", 1)
    data |= {"agreements-2-amounts-0-year": "2007", "agreements-2-amounts-0-amount": "9"}
    response = editor_client.post("/projects/enter/", data)
    message = error_beside(response.content.decode(), "id_agreements-2-unit")
    assert "Fill in the agreement before its yearly amounts" in message
    assert not Project.objects.filter(title="Shelter in Tirana").exists()


def test_editing_changes_an_amount_and_removes_another_in_one_save(editor_client):
    editor_client.post("/projects/enter/", entry_data())
    project = Project.objects.get(title="Shelter in Tirana")
    page = editor_client.get(f"/projects/{project.pk}/edit/")
    assert page.status_code == 200
    data = edit_data(page.context["entry"])
    data["agreements-0-amounts-0-amount"] = "1500"
    data["agreements-1-amounts-1-DELETE"] = "on"
    response = editor_client.post(f"/projects/{project.pk}/edit/", data)
    entry = response.context and response.context["entry"]
    assert response.status_code == 302, [(f.prefix, f.errors) for f in entry.forms() if f.errors]
    amounts = YearlyAmount.objects.filter(agreement__project=project)
    assert amounts.count() == 4
    total = Fact.objects.filter(project=project).summary()["total"]
    assert total == Decimal("6900.00")  # 1 000 became 1 500, 500 removed
    assert_derived_data_fresh()


def edit_data(entry):
    """What the edit page posts back unchanged: every form's initial values."""
    data = {}
    for formset in [entry.shares, entry.agreements, *entry.amounts]:
        data |= management(
            formset.prefix, formset.initial_form_count(), formset.initial_form_count()
        )
    for form in entry.forms():
        if form.prefix and form.prefix.split("-")[-1].isdigit() and form.instance.pk is None:
            continue  # a blank extra row
        for name in form.fields:
            value = form[name].value()
            if value is not None and name != "DELETE":
                data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return data


def test_analysts_and_anonymous_users_cannot_enter_projects(client, django_user_model):
    assert client.get("/projects/enter/").status_code == 302
    sync_roles()
    user = django_user_model.objects.create_user("analyst", password="pw-123-analyst")
    user.groups.add(Group.objects.get(name="Analysts"))
    client.force_login(user)
    assert client.get("/projects/enter/").status_code == 403
    assert client.post("/projects/enter/", {}).status_code == 403


@pytest.mark.parametrize("agreements", [1, 12])
def test_the_edit_page_takes_the_same_queries_for_few_and_many_agreements(
    editor_client, make_agreement, django_assert_num_queries, agreements
):
    project = Project.objects.create(
        title="Many",
        channel=Channel.objects.get(name="International Organization for Migration"),
        recipient=Recipient.objects.get(name="Albania"),
    )
    for n in range(agreements):
        make_agreement({2006: 1, 2007: 2}, project=project, number=f"N-{n}")
    # session, user, permissions (2), the user's groups (is it limited to units?), project,
    # channels, recipients, measures, units, shares, agreements, their amounts, the demo
    # banner's check
    with django_assert_num_queries(14):
        response = editor_client.get(f"/projects/{project.pk}/edit/")
    assert response.status_code == 200


def test_the_admins_project_pages_link_to_the_entry_page(editor_client, make_project):
    project = make_project()
    assert "/projects/enter/" in editor_client.get("/admin/projects/project/").content.decode()
    assert "/projects/enter/" in editor_client.get("/admin/projects/project/add/").content.decode()
    change = editor_client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert f"/projects/{project.pk}/edit/" in change
