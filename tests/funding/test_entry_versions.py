"""Optimistic locking on the one-page entry (funding/entry.py) and below it
(YearlyAmount.save()): the version an amount was shown at travels with the form, the save is
UPDATE … WHERE version = shown, and a second save from the same state is refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import EditConflict, YearlyAmount
from projects.models import Agreement, Project
from tests.funding.test_amounts_admin import form_data, inline_prefix
from tests.funding.test_project_entry import edit_data, editor_client, entry_data  # noqa: F401

CONFLICT = "Someone else saved this amount while you edited it: it is now"


@pytest.fixture
def edit(editor_client):  # noqa: F811
    """The project's edit URL and two copies of what its page posts back unchanged."""
    editor_client.post("/projects/enter/", entry_data())
    project = Project.objects.get(title="Shelter in Tirana")
    url = f"/projects/{project.pk}/edit/"
    page = editor_client.get(url)
    return url, edit_data(page.context["entry"]), edit_data(page.context["entry"])


def amount_2006():
    return YearlyAmount.objects.get(year=2006)


def test_the_entry_page_shows_each_amounts_version(editor_client, edit):  # noqa: F811
    url, data, _ = edit
    assert data["agreements-0-amounts-0-seen_version"] == 1
    page = editor_client.get(url).content.decode()
    assert 'name="agreements-0-amounts-0-seen_version" value="1"' in page


def test_a_save_counts_the_version_up(editor_client, edit):  # noqa: F811
    url, data, _ = edit
    response = editor_client.post(url, data | {"agreements-0-amounts-0-amount": "1500"})
    assert response.status_code == 302
    assert (amount_2006().amount, amount_2006().version) == (Decimal(1500), 2)


def test_the_second_of_two_entry_page_saves_is_refused_showing_the_first(
    editor_client,  # noqa: F811
    edit,
):
    url, first, second = edit
    assert editor_client.post(url, first | {"agreements-0-amounts-0-amount": "1500"}).status_code
    response = editor_client.post(url, second | {"agreements-0-amounts-0-amount": "1700"})
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page
    assert "it is now NOK" in page and "500 (allocated) for 2006" in page, page[
        page.find("it is now") :
    ][:80]
    assert (amount_2006().amount, amount_2006().version) == (Decimal(1500), 2)
    # the page shown again carries the version now saved: saving it again replaces theirs
    again = response.context["entry"].amounts[0].forms[0]
    assert again["seen_version"].value() == 2


def test_deleting_an_amount_changed_meanwhile_is_refused(editor_client, edit):  # noqa: F811
    url, first, second = edit
    editor_client.post(url, first | {"agreements-0-amounts-0-amount": "1500"})
    response = editor_client.post(url, second | {"agreements-0-amounts-0-DELETE": "on"})
    assert CONFLICT in response.content.decode()
    assert amount_2006().amount == Decimal(1500)


def test_an_admin_save_after_the_entry_page_was_shown_refuses_the_entry_page(
    editor_client,  # noqa: F811
    edit,
    superuser_client,
):
    url, data, _ = edit
    agreement = amount_2006().agreement
    admin_url = reverse("admin:projects_agreement_change", args=[agreement.pk])
    admin = form_data(superuser_client.get(admin_url))
    admin[f"{inline_prefix(admin)}-0-amount"] = "1200.00"
    assert superuser_client.post(admin_url, admin).status_code == 302
    response = editor_client.post(url, data | {"agreements-0-amounts-0-amount": "1700"})
    assert CONFLICT in response.content.decode()
    assert amount_2006().amount == Decimal(1200)


def test_an_entry_page_save_after_the_admin_page_was_shown_refuses_the_admin(
    editor_client,  # noqa: F811
    edit,
    superuser_client,
):
    url, data, _ = edit
    agreement = amount_2006().agreement
    admin_url = reverse("admin:projects_agreement_change", args=[agreement.pk])
    admin = form_data(superuser_client.get(admin_url))
    editor_client.post(url, data | {"agreements-0-amounts-0-amount": "1700"})
    admin[f"{inline_prefix(admin)}-0-amount"] = "1200.00"
    response = superuser_client.post(admin_url, admin)
    assert CONFLICT in response.content.decode()
    assert amount_2006().amount == Decimal(1700)


def test_a_save_from_an_older_version_is_refused_below_the_forms(make_agreement):
    make_agreement({2007: "1000.00"})
    mine, theirs = YearlyAmount.objects.get(), YearlyAmount.objects.get()
    theirs.seen_version, theirs.amount = theirs.version, Decimal(5)
    theirs.save()
    mine.seen_version, mine.amount = mine.version, Decimal(9)
    with pytest.raises(EditConflict) as refused:
        mine.save()
    assert refused.value.current.amount == Decimal(5)
    assert YearlyAmount.objects.get().version == 2


AGREEMENT_CONFLICT = "Someone else saved this agreement while you edited it: it is now"


def test_the_second_of_two_saves_of_an_agreement_is_refused_on_the_entry_page(
    editor_client,  # noqa: F811
    edit,
):
    url, first, second = edit
    assert first["agreements-0-seen_version"] == 1
    editor_client.post(url, first | {"agreements-0-number": "A-1"})
    response = editor_client.post(url, second | {"agreements-0-number": "B-2"})
    assert AGREEMENT_CONFLICT in response.content.decode()
    agreement = amount_2006().agreement
    assert (agreement.number, agreement.version) == ("A-1", 2)


def test_the_admin_agreement_page_refuses_a_save_made_stale_by_the_entry_page(
    editor_client,  # noqa: F811
    edit,
    superuser_client,
):
    url, data, _ = edit
    agreement = amount_2006().agreement
    admin_url = reverse("admin:projects_agreement_change", args=[agreement.pk])
    admin = form_data(superuser_client.get(admin_url))
    assert admin["seen_version"] == 1
    editor_client.post(url, data | {"agreements-0-number": "A-1"})
    response = superuser_client.post(admin_url, admin | {"number": "B-2"})
    assert AGREEMENT_CONFLICT in response.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).number == "A-1"


def test_the_admin_project_page_refuses_a_stale_agreement_row(
    editor_client,  # noqa: F811
    edit,
    superuser_client,
):
    url, data, _ = edit
    project = amount_2006().agreement.project
    admin_url = reverse("admin:projects_project_change", args=[project.pk])
    admin = form_data(superuser_client.get(admin_url))
    prefix = next(k for k in admin if k.endswith("-0-seen_version")).removesuffix("seen_version")
    editor_client.post(url, data | {"agreements-0-number": "A-1"})
    response = superuser_client.post(admin_url, admin | {f"{prefix}number": "B-2"})
    assert AGREEMENT_CONFLICT in response.content.decode()
    assert Agreement.objects.filter(number="A-1").exists()


def test_the_importer_counts_up_the_version_of_an_agreement_it_widens(db, tmp_path):
    from imports.services import import_file
    from tests.imports.importing import write

    header = "Project title,Agreement partner,Country,Administering unit,Measures,{}\n"
    line = "P1,Norwegian Church Aid,Albania,West Balkans Section,1,{}\n"
    assert import_file(write(tmp_path, header.format("2007") + line.format("100"))).ok
    widened = header.format("2007,2008") + line.format("100,200")
    assert import_file(write(tmp_path, widened, name="b.csv")).ok
    agreement = Agreement.objects.get()
    assert (agreement.period, agreement.version) == ("2007–2008", 2)
