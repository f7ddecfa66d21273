"""The code's layout rules (docs/architecture.md): small modules and functions, and app imports
that point one way (measures ← projects ← international ← funding ← imports ← breakdowns ←
followup ← iati ← demo ← bench)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "tracker", "web", "history", "measures", "projects", "international", "funding", "imports",
    "breakdowns", "followup", "iati", "demo", "bench",
]  # fmt: skip
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
# Our apps from the bottom up: each may use those before it, never those after it (imports, or
# names such as apps.get_model("funding", …)).
LAYERS = [
    "history", "measures", "web", "projects", "international", "funding", "imports",
    "breakdowns", "followup", "iati", "demo", "bench",
]  # fmt: skip
LOWER_APPS = {app: LAYERS[i + 1 :] for i, app in enumerate(LAYERS[:-1])}


def modules(*packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_strings(tree):
    """Apps named in strings: apps.get_model("funding", …), "funding.YearlyAmount" (a model
    label) and "admin:funding_yearlyamount_change" (an admin URL name)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_model":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value.split(".")[0]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = re.match(r"^admin:([a-z]+)_|^([a-z]+)\.[A-Z]", node.value)
            if match:
                yield match.group(1) or match.group(2)


def test_no_module_is_longer_than_300_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules(*PACKAGES)
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_60_lines():
    long = {}
    for path in modules(*PACKAGES):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert long == {}


@pytest.mark.parametrize("app", sorted(LOWER_APPS))
def test_an_app_uses_nothing_of_the_apps_above_it(app):
    forbidden = set(LOWER_APPS[app])
    found = set()
    for path in modules(app):
        tree = ast.parse(path.read_text())
        for name in imported_names(tree):
            if name.split(".")[0] in forbidden:
                found.add(f"{path.relative_to(ROOT)} imports {name}")
        for name in app_strings(tree):
            if name in forbidden:
                found.add(f'{path.relative_to(ROOT)} names "{name}"')
    assert found == set()


def test_the_structure_test_sees_an_upward_import(tmp_path):
    tree = ast.parse(
        'from funding.models import YearlyAmount\napps.get_model("funding", "X")\n'
        'reverse("admin:funding_yearlyamount_change")\nlabel = "funding.YearlyAmount"\n'
        'description = "funding"'
    )
    assert list(imported_names(tree)) == ["funding.models"]
    assert list(app_strings(tree)) == ["funding", "funding", "funding"]
