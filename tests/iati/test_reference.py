"""The DAC region codes (fixtures/reference/dac_regions.csv) cover our reference data, and a
project's purpose code is edited in the admin."""

from iati.reference import dac_regions
from projects.models import Project, Recipient, Region

# The IATI Region code list's codes (vocabulary 1, OECD DAC) that the file uses, with their names
# (IATI-Codelists-NonEmbedded, xml/Region.xml).
DAC_NAMES = {
    "89": "Europe, regional",
    "298": "Africa, regional",
    "1029": "Southern Africa, regional",
    "498": "America, regional",
    "798": "Asia, regional",
    "619": "Central Asia, regional",
    "789": "Far East Asia, regional",
    "589": "Middle East, regional",
    "889": "Oceania, regional",
    "998": "Developing countries, unspecified",
}


def test_every_regional_recipient_and_region_has_a_dac_region_code(db):
    codes = dac_regions()
    regional = Recipient.objects.filter(kind=Recipient.Kind.REGIONAL).values_list("name", flat=True)
    assert {name for name in regional if ("recipient", name) not in codes} == set()
    regions = Region.objects.values_list("name", flat=True)
    assert {name for name in regions if ("region", name) not in codes} == set()
    assert set(codes.values()) <= set(DAC_NAMES)


def test_the_project_page_edits_the_purpose_code_and_refuses_a_bad_one(
    superuser_client, make_project
):
    project = make_project()
    url = f"/admin/projects/project/{project.pk}/change/"
    page = superuser_client.get(url)
    assert b"DAC purpose code" in page.content
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("measures",)}
    data.update(channel=project.channel_id, recipient=project.recipient_id, purpose_code="1519")
    for prefix in ("measure_shares", "agreements"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = superuser_client.post(url, data)
    assert "1519 is not a DAC purpose code; did you mean 15190" in response.content.decode()
    assert Project.objects.get(pk=project.pk).purpose_code == ""
