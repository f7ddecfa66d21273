"""User-supplied text never reaches a page unescaped, nor a spreadsheet cell as a formula."""

import csv
import io

from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from funding.models import YearlyAmount
from projects.models import AdministeringUnit, Agreement, Channel, Project

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.org","x")'
QUOTED = FORMULA.replace('"', '""')
IMPORTED = f"""Project title,Agreement partner,Country,Administering unit,Measures,2007
"{QUOTED}",Evil partner {SCRIPT},Albania,West Balkans Section,1,1000
"""


def hostile_records(tmp_path, make_agreement):
    agreement = make_agreement(title=f"Project {SCRIPT}", amounts={2007: 5000})
    Channel.objects.filter(pk=agreement.project.channel_id).update(name=f"IOM {SCRIPT}")
    path = tmp_path / "hostile.csv"
    path.write_text(IMPORTED, encoding="utf-8")
    call_command("import_projects", str(path), "--create-missing", stdout=io.StringIO())
    return agreement


def pages(agreement):
    imported = Project.objects.get(title=FORMULA)
    yield "/"
    for slug in ["region", "country", "channel", "partner-group", "year", "unit", "measure"]:
        yield f"/breakdowns/{slug}/"
        yield f"/breakdowns/{slug}/?by=year"
    yield "/breakdowns/objective/"
    yield "/projects/"
    yield f"/projects/?q={SCRIPT}"
    yield f"/projects/{agreement.project_id}/"
    yield f"/projects/{imported.pk}/"
    yield "/published/"
    yield "/changes/"
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label in ("measures", "projects", "funding"):
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    yield reverse("admin:projects_project_change", args=[agreement.project_id])
    yield reverse("admin:projects_agreement_change", args=[agreement.pk])
    yield reverse("admin:projects_channel_change", args=[agreement.project.channel_id])
    yield reverse("admin:projects_project_history", args=[agreement.project_id])


def test_no_page_shows_user_text_unescaped(superuser_client, make_agreement, tmp_path):
    agreement = hostile_records(tmp_path, make_agreement)
    assert Channel.objects.filter(name=f"Evil partner {SCRIPT}").exists()
    for url in pages(agreement):
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.content.decode(), url
    page = superuser_client.get("/breakdowns/channel/").content.decode()
    assert "IOM &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_import_preview_escapes_the_file(superuser_client, make_agreement, tmp_path):
    upload = io.BytesIO(IMPORTED.replace("Evil partner", "IOM").encode())
    upload.name = "hostile.csv"
    response = superuser_client.post(
        reverse("admin:funding_yearlyamount_import"), {"file": upload, "create_missing": "on"}
    )
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()
    assert YearlyAmount.objects.count() == 0


def cells_of_csv(content):
    return [cell for row in csv.reader(io.StringIO(content)) for cell in row]


def cells_of_xlsx(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell.value for row in sheet.iter_rows() for cell in row]


def assert_no_formula(cells, where):
    texts = [c for c in cells if isinstance(c, str)]
    assert not [c for c in texts if c.startswith(("=", "+", "-", "@"))], where
    assert f"'{FORMULA}" in texts or any(c.endswith(f"'{FORMULA}") for c in texts), where


def test_exports_never_start_a_cell_with_a_formula(superuser_client, make_agreement, tmp_path):
    hostile_records(tmp_path, make_agreement)
    Channel.objects.filter(name=f"Evil partner {SCRIPT}").update(name=FORMULA)
    for url in ["/breakdowns/channel/", "/breakdowns/channel/?by=year"]:
        sep = "&" if "?" in url else "?"
        csv_text = superuser_client.get(f"{url}{sep}format=csv").content.decode("utf-8-sig")
        assert_no_formula(cells_of_csv(csv_text), url)
        xlsx = superuser_client.get(f"{url}{sep}format=xlsx").content
        assert_no_formula(cells_of_xlsx(xlsx), url)
    exported = b"".join(
        superuser_client.get(reverse("admin:funding_yearlyamount_export_csv")).streaming_content
    )
    assert_no_formula(cells_of_csv(exported.decode("utf-8-sig")), "admin CSV export")
    xlsx = superuser_client.get(reverse("admin:funding_yearlyamount_export_xlsx")).content
    assert_no_formula(cells_of_xlsx(xlsx), "admin XLSX export")
    assert AdministeringUnit.objects.exists() and Agreement.objects.count() == 2
