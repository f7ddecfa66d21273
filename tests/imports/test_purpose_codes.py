"""The importer's optional purpose-code column: a DAC purpose code of the vendored list is stored,
an unknown one refused naming line, column and value with the code meant, a withdrawn one
imported with a warning (docs/iati.md, "Purpose codes")."""

from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import ImportRun
from projects.models import Project

from .importing import run_import, snapshot, write

HEAD = "Project title,Agreement partner,Country,Administering unit,Measures,Purpose code,2007\n"
ROW = "Shelter,Norwegian Church Aid,Albania,West Balkans Section,1,{},5000\n"


def test_a_purpose_code_column_sets_the_projects_code(db, tmp_path):
    code, _out, err = run_import(write(tmp_path, HEAD + ROW.format("15190")))
    assert (code, err) == (0, "")
    assert Project.objects.get(title="Shelter").purpose_code == "15190"


def test_an_empty_purpose_code_cell_keeps_the_projects_code(db, tmp_path):
    run_import(write(tmp_path, HEAD + ROW.format("15180")))
    code, _, err = run_import(write(tmp_path, HEAD + ROW.format("").replace("5000", "6000")))
    assert (code, err) == (0, "")
    assert Project.objects.get(title="Shelter").purpose_code == "15180"


def test_an_unknown_purpose_code_is_refused_with_the_codes_meant(db, tmp_path):
    before = snapshot()
    code, _, err = run_import(write(tmp_path, HEAD + ROW.format("15100")))
    assert code == 1
    assert (
        'line 2, column "Purpose code", value "15100": 15100 is not a DAC purpose code; did you '
        "mean 15110 (Public sector policy and administrative management)"
    ) in err
    assert snapshot() == before
    assert not ImportRun.objects.get().succeeded


def test_a_purpose_code_given_as_a_name_is_refused_with_the_code_of_that_name(db, tmp_path):
    code, _, err = run_import(write(tmp_path, HEAD + ROW.format("human rights")))
    assert code == 1
    assert 'value "human rights": human rights is not a DAC purpose code' in err
    assert "15160 (Human rights)" in err


def test_a_withdrawn_purpose_code_is_imported_with_a_warning(db, tmp_path):
    code, _out, err = run_import(write(tmp_path, HEAD + ROW.format("15162")))
    assert code == 0
    assert err == (
        'Warning: line 2, column "Purpose code", value "15162": 15162 (Human rights) is a '
        "withdrawn DAC purpose code; use an active one, e.g. 15160 (Human rights).\n"
    )
    assert Project.objects.get(title="Shelter").purpose_code == "15162"


def test_the_admin_shows_a_withdrawn_codes_warning_on_the_preview_and_after_the_import(
    client, django_user_model
):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_yearlyamount", "view_yearlyamount"])
    )
    client.force_login(user)
    url = reverse("admin:funding_yearlyamount_import")
    content = (HEAD + ROW.format("15162")).encode()
    upload = SimpleUploadedFile("list.csv", content)
    form = {"file": upload, "format": "auto", "status": "allocated"}
    preview = client.post(url, form)
    warning = "15162 (Human rights) is a withdrawn DAC purpose code"
    assert warning in preview.content.decode()
    done = client.post(url, {"token": preview.context["token"]})
    assert done.status_code == 302
    assert any(warning in str(m) for m in get_messages(done.wsgi_request))
    assert Project.objects.get(title="Shelter").purpose_code == "15162"
