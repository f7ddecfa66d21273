"""A world with a closed year, 2007, and an open one, 2008: amounts, efforts and report texts
in both, the open year's with words of their own that nothing public may show."""

import pytest

from breakdowns.closing import close_year
from followup.models import ReportText
from tests.followup.conftest import make_effort  # noqa: F401 (a fixture)

# What belongs to the open year (or to no report) alone, and must appear on no public page.
SECRETS = [
    "Harbour of the open year",  # a project with amounts in 2008 only
    "Marmot dialogue",  # an effort reported in 2008
    "marmots gather",  # its narrative
    "Draft remark kestrel",  # an editorial note of the 2007 report text
    "Effort note kestrel",  # an editorial note of a 2007 effort
    "Source kestrel",  # a 2007 effort's source (the draft's)
    "Introduction of 2008",  # the 2008 report's text
]
OPEN_AMOUNTS = [r"8[\s\xa0,.]?888", r"7[\s\xa0,.]?777"]  # 2008's 8 888.88 and 7 777.77


@pytest.fixture(autouse=True)
def reporting_org(settings):
    settings.IATI_REPORTING_ORG_REF = "NO-BRC-972417920"
    settings.IATI_REPORTING_ORG_NAME = "Norwegian Ministry of Foreign Affairs"
    settings.IATI_REPORTING_ORG_TYPE = "10"


@pytest.fixture
def public_site(settings):
    settings.PUBLIC_SITE = True
    settings.PUBLIC_RATE_LIMIT = 1000


@pytest.fixture
def two_years(make_agreement, make_effort):  # noqa: F811
    """2007 closed, 2008 open."""
    make_agreement({2007: "1234.00", 2008: "8888.88"}, title="Shelter across both years",
                   purpose_code="15190")  # fmt: skip
    make_agreement({2008: "7777.77"}, title="Harbour of the open year", purpose_code="15190")
    make_agreement({2007: ("4321.00", "disbursed")}, title="Counselling in the closed year",
                   recipient="Moldova", purpose_code="15190")  # fmt: skip
    make_effort(title="Kestrel dialogue", year=2007, narrative="Kestrels fly over the talks.",
                editorial_note="Effort note kestrel", source="Source kestrel")  # fmt: skip
    make_effort(title="Marmot dialogue", year=2008, narrative="The marmots gather for talks.")
    introduction = ReportText.Place.INTRODUCTION
    approved = {"place": introduction, "review_state": "approved"}  # the final report takes these
    ReportText.objects.create(
        year=2007, body="Introduction of 2007.", editorial_note="Draft remark kestrel", **approved
    )
    ReportText.objects.create(year=2008, body="Introduction of 2008.", **approved)
    return close_year(2007, note="The 2007 report is published.")
