"""`manage.py export_iati`: the demo data validates, problems exit non-zero, progress only on
a terminal."""

import io

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from iati.rules import problems
from projects.models import Agreement, Project


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def run(*args, err=None):
    out, err = io.StringIO(), err if err is not None else io.StringIO()
    call_command("export_iati", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_demo_data_as_loaded_exports_valid_with_a_sector_on_every_activity(demo, tmp_path):
    path = tmp_path / "activities.xml"
    out, err = run("-o", str(path), "--validate")
    count = Agreement.objects.filter(amounts__isnull=False).distinct().count()
    valid = "valid (IATI 2.03 schema, codelists and ruleset)"
    assert (out, err) == (f"{count} activities written to {path}; {valid}.\n", "")
    activities = etree.parse(str(path)).getroot()
    assert len(activities) == count == 158
    assert all(len(activity.findall("sector")) == 1 for activity in activities)
    fillers = Project.objects.filter(demo="filler")
    assert set(fillers.values_list("purpose_code", flat=True)) == {"15190"}
    assert not Project.objects.exclude(demo="").filter(purpose_code="").exists()


def test_the_demo_data_exports_valid_once_every_project_has_a_purpose_code(demo, tmp_path):
    Project.objects.update(purpose_code="15190")
    path = tmp_path / "activities.xml"
    out, _ = run("-o", str(path), "--validate")
    count = Agreement.objects.filter(amounts__isnull=False).distinct().count()
    valid = "valid (IATI 2.03 schema, codelists and ruleset)"
    assert out == f"{count} activities written to {path}; {valid}.\n"
    tree = etree.parse(str(path))
    assert len(tree.getroot()) == count
    assert problems(tree) == []


def test_validate_names_the_agreements_whose_project_lacks_a_purpose_code(demo, tmp_path):
    Project.objects.update(purpose_code="15190")
    sactap = Project.objects.get(title__startswith="Southern Africa Counter-Trafficking")
    Project.objects.filter(pk=sactap.pk).update(purpose_code="")
    err = io.StringIO()
    with pytest.raises(CommandError, match="; 2 problems "):
        run("-o", str(tmp_path / "a.xml"), "--validate", err=err)
    agreement = sactap.agreements.get()
    named = f"-agreement-{agreement.pk} “{sactap.title}”: "
    first, second = err.getvalue().splitlines()
    assert named in first and "(IATI rule 6.2.2, atleast_one: none found)" in first
    assert named in second and "(IATI rule 6.7.2, one_or_all: " in second


def test_it_takes_the_breakdown_filters(make_agreement, tmp_path):
    make_agreement(title="Old", purpose_code="15190", amounts={2005: 1})
    make_agreement(title="New", purpose_code="15190", amounts={2008: 1}, recipient="Moldova")
    path = tmp_path / "a.xml"
    run("-o", str(path), "--year-from", "2006", "--query", "country=MD")
    titles = [a.findtext("title/narrative") for a in etree.parse(str(path)).getroot()]
    assert titles == ["New"]


def test_it_refuses_while_the_reporting_org_is_unset(settings, make_agreement, tmp_path):
    settings.IATI_REPORTING_ORG_REF = ""
    with pytest.raises(CommandError, match="IATI_REPORTING_ORG_REF"):
        run("-o", str(tmp_path / "a.xml"))
    assert not (tmp_path / "a.xml").exists()


def test_it_shows_progress_on_a_terminal(make_agreement, tmp_path):
    make_agreement(purpose_code="15190")
    _, err = run("-o", str(tmp_path / "a.xml"), "--validate", err=Terminal())
    assert "Writing activities [" in err
    assert "1/1 100%" in err
    assert "Validating…" in err


@pytest.mark.parametrize("args", [(), ("--quiet",)])
def test_it_shows_only_the_summary_when_not_a_terminal_or_quiet(make_agreement, tmp_path, args):
    make_agreement(purpose_code="15190")
    stderr = io.StringIO() if not args else Terminal()
    out, err = run("-o", str(tmp_path / "a.xml"), *args, err=stderr)
    assert err == ""
    assert out.startswith("1 activity written to")


def test_validate_lists_a_warning_without_failing(make_agreement, tmp_path):
    agreement = make_agreement(title="Old code", purpose_code="15162")
    out, err = run("-o", str(tmp_path / "a.xml"), "--validate")
    assert out.endswith(
        "; valid (IATI 2.03 schema, codelists and ruleset), with 1 warning (listed above).\n"
    )
    assert err == (
        f"Warning: NO-BRC-972417920-agreement-{agreement.pk} “Old code”: sector/@code 15162 "
        "“Human rights” is withdrawn from the IATI Sector codelist\n"
    )


def test_validate_names_an_unknown_code_and_the_code_meant(make_agreement, tmp_path):
    agreement = make_agreement(title="Typo", purpose_code="15100")
    err = io.StringIO()
    with pytest.raises(CommandError, match="; 1 problem "):
        run("-o", str(tmp_path / "a.xml"), "--validate", err=err)
    assert err.getvalue() == (
        f"NO-BRC-972417920-agreement-{agreement.pk} “Typo”: sector/@code 15100 is not in the "
        "IATI Sector codelist (did you mean 15110 “Public sector policy and administrative "
        "management”?)\n"
    )


@pytest.mark.parametrize("validate", [[], ["--validate"]])
def test_it_streams_to_stdout_with_or_without_validation(make_agreement, capfdbinary, validate):
    for n in range(3):
        make_agreement(title=f"Project {n}", purpose_code="15190")
    _, err = run("-o", "-", "--quiet", *validate)
    document = etree.fromstring(capfdbinary.readouterr().out)
    assert [a.findtext("title/narrative") for a in document] == [f"Project {n}" for n in range(3)]
    assert err.startswith("3 activities written to stdout")
