"""The demo projects' purpose codes (fixtures/demo/narrative_agreements.csv, `purpose_code`;
the rule is docs/iati.md, "Purpose codes"): one per project, each an active code of the vendored
IATI Sector codelist."""

import csv
from collections import Counter

from django.conf import settings

from iati.codelists import codelist
from projects.purpose_codes import purpose_code_error, purpose_code_warning

CSV = settings.BASE_DIR / "fixtures" / "demo" / "narrative_agreements.csv"


def rows():
    with open(CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_demo_project_has_an_active_purpose_code():
    sectors = codelist("Sector")
    codes = {row["key"]: row["purpose_code"] for row in rows()}
    assert len(codes) == len(rows()) == 63
    unknown = {key: code for key, code in codes.items() if code not in sectors}
    withdrawn = {key: code for key, code in codes.items() if code in sectors
                 and sectors[code].withdrawn}  # fmt: skip
    assert (unknown, withdrawn) == ({}, {})
    assert all(purpose_code_error(c) is None and purpose_code_warning(c) is None
               for c in codes.values())  # fmt: skip


def test_the_codes_follow_the_rule_of_the_docs():
    codes = {row["key"]: row["purpose_code"] for row in rows()}
    assert codes["iom-sactap-pretoria"] == "15190"  # trafficking in human beings
    assert codes["igap-rural-recruitment"] == "15180"  # young women
    assert codes["unicef-not-for-sale-albania"] == "15160"  # children
    assert codes["iom-wb-prosecutors-network"] == "15130"  # prosecuting authorities
    assert codes["ilo-brazil-forced-labour"] == "16070"  # forced labour
    assert Counter(codes.values()).most_common(1) == [("15190", 32)]
