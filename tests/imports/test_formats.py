from decimal import Decimal

from funding.models import ImportRun, YearlyAmount
from projects.models import Agreement, Project

from .importing import DATA, run_import, write


def amounts_of(title):
    return {
        (a.year, a.amount, a.status)
        for a in YearlyAmount.objects.filter(agreement__project__title=title)
    }


def test_it_imports_a_wide_list(db):
    code, out, _ = run_import(DATA / "project-list-wide.csv")
    assert code == 0
    assert "projects 4 created" in out and "amounts 6 created" in out
    vatra = Project.objects.get(title="Vatra Centre")
    assert vatra.channel.name == "Norwegian Church Aid"
    assert sorted(vatra.measure_shares.values_list("measure__number", "share")) == [
        (1, Decimal("50.00")),
        (11, Decimal("50.00")),
    ]
    assert amounts_of("Vatra Centre") == {(2007, Decimal("1200000.00"), "allocated")}
    caritas = "Programme to combat human trafficking in Bosnia and Herzegovina"
    assert Project.objects.get(title=caritas).recipient.name == "Bosnia and Herzegovina"
    assert amounts_of(caritas) == {
        (2006, Decimal("450000.00"), "allocated"),
        (2007, Decimal("500000.50"), "allocated"),
    }
    iom = Agreement.objects.get(project__title__startswith="Combating human trafficking")
    assert (iom.first_year, iom.last_year) == (2007, 2008)
    assert iom.amounts.get(year=2008).status == "planned"
    assert iom.project.recipient.name == "North Macedonia"
    ariadne = Project.objects.get(title="Seminar on developing the ARIADNE network")
    assert ariadne.objective == "main"
    assert ariadne.recipient.name == "Western Balkans regional"


def test_it_imports_a_long_list_in_windows_1252_with_norwegian_headers(db):
    code, _out, err = run_import(DATA / "project-list-long.csv")
    assert code == 0, err
    title = "Awareness raising on human trafficking in border areas of Mozambique"
    assert amounts_of(title) == {
        (2007, Decimal("350000.50"), "allocated"),
        (2008, Decimal("400000.00"), "planned"),
    }
    assert Project.objects.get(title="Strategic partnership on gender equality").objective == (
        "subsidiary"
    )
    assert ImportRun.objects.get().format == "long"


def test_it_adds_up_payments_of_a_norad_extract_in_thousands(db):
    code, _out, err = run_import(DATA / "norad-extract.csv")
    assert code == 0, err
    malawi = Agreement.objects.get(number="MWI-07/0001")
    assert {(a.year, a.amount, a.status) for a in malawi.amounts.all()} == {
        (2007, Decimal("750500.00"), "disbursed"),
        (2008, Decimal("1000000.00"), "planned"),
    }
    assert malawi.project.measures.count() == 0


def test_it_reads_utf16_and_utf8_with_bom_and_tabs(db, tmp_path):
    text = "Project\tPartner\tCountry\tUnit\t2007\nTåke\tIOM\tBA\tEmbassy in Sofia\t1'000,5\n"
    assert run_import(write(tmp_path, text, "a.tsv", "utf-16"))[0] == 0
    assert amounts_of("Tåke") == {(2007, Decimal("1000.50"), "allocated")}
    text = "\ufeffProject,Partner,Country,Unit,2007 planned\nSøk,IOM,BIH,Embassy in Sofia,kr 7\n"
    assert run_import(write(tmp_path, text, "b.csv"))[0] == 0
    assert amounts_of("Søk") == {(2007, Decimal("7.00"), "planned")}


def test_it_splits_equal_shares_to_exactly_100(db, tmp_path):
    text = "Project;Partner;Country;Unit;Measures;2007\nA;IOM;Albania;Embassy in Sofia;1; 2; 3;5\n"
    text = text.replace("1; 2; 3", '"1; 2; 3"')
    assert run_import(write(tmp_path, text))[0] == 0
    shares = Project.objects.get(title="A").measure_shares.values_list("share", flat=True)
    assert sorted(shares) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]


def test_the_status_option_sets_plain_year_columns(db, tmp_path):
    path = write(tmp_path, "Project,Partner,Country,Unit,2007\nA,IOM,Albania,Embassy in Sofia,5\n")
    assert run_import(path, "--status", "disbursed")[0] == 0
    assert amounts_of("A") == {(2007, Decimal("5.00"), "disbursed")}
