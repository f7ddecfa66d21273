"""Helpers shared by the import tests."""

import io
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from funding.models import YearlyAmount
from projects.models import AdministeringUnit, Agreement, Channel, Project, ProjectMeasure

DATA = Path(__file__).resolve().parent.parent / "data"


def run_import(path, *args):
    """Run the command; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_projects", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def snapshot():
    """Everything an import may change, to compare before and after."""
    total = YearlyAmount.objects.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return {
        "projects": Project.objects.count(),
        "measures": list(ProjectMeasure.objects.values_list("project_id", "measure_id", "share")),
        "agreements": list(Agreement.objects.values_list("id", "first_year", "last_year")),
        "amounts": list(YearlyAmount.objects.values_list("id", "amount", "status")),
        "total": total.quantize(Decimal("0.01")),
        "channels": Channel.objects.count(),
        "units": AdministeringUnit.objects.count(),
    }


def write(tmp_path, text, name="list.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


WIDE_HEADER = "Project title,Agreement partner,Country,Administering unit,Measures,2007,2008\n"


def wide_rows(count, amount=1000):
    lines = [
        f"Project {i},Norwegian Church Aid,Albania,West Balkans Section,1,{amount + i},{amount}\n"
        for i in range(count)
    ]
    return WIDE_HEADER + "".join(lines)
