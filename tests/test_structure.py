"""The code's layout rules (docs/architecture.md): small modules and functions, and app imports
that point one way (measures ← projects ← international ← funding ← imports ← breakdowns ←
followup ← iati ← public ← demo ← bench)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "tracker", "web", "history", "measures", "projects", "international", "funding", "imports",
    "breakdowns", "followup", "iati", "public", "demo", "bench",
]  # fmt: skip
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
# Our apps from the bottom up: each may use those before it, never those after it (imports, or
# names such as apps.get_model("funding", …)).
LAYERS = [
    "history", "measures", "web", "projects", "international", "funding", "imports",
    "breakdowns", "followup", "iati", "public", "demo", "bench",
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


# The layout of the code (docs/architecture.md): the apps the code is split into, no app holding
# more than a quarter of it.
APPS = [package for package in PACKAGES if package not in ("tracker", "bench")]
TAGS = re.compile(r"<(tr|td|th|input|option|select|table|tbody|svg|rect|text|g|li|ul|div|span)\b")


def code_lines(package):
    return sum(len(path.read_text().splitlines()) for path in modules(package))


def test_no_app_holds_more_than_a_quarter_of_the_code():
    lines = {package: code_lines(package) for package in PACKAGES}
    total = sum(lines.values())
    assert {app: n for app, n in lines.items() if n > total / 4} == {}


def html_strings(tree):
    """String constants holding an HTML tag, outside format_html() (one element at most)."""
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "format_html":
            allowed.update(id(arg) for arg in node.args[:1])
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and TAGS.search(text) and id(node) not in allowed:
            yield text


def test_markup_lives_in_templates():
    found = {
        f"{path.relative_to(ROOT)}: {text[:40]!r}"
        for path in modules(*PACKAGES)
        for text in html_strings(ast.parse(path.read_text()))
    }
    assert found == set()


def test_the_structure_test_sees_html_written_in_python():
    tree = ast.parse("row = '<tr><td>' + x\nlink = format_html('<a href=\"{}\">x</a>', url)")
    assert list(html_strings(tree)) == ["<tr><td>"]


def node_is_connect(node):
    return isinstance(node, ast.Attribute) and node.attr == "connect"


def signal_receivers(tree):
    """Receivers connected to Django's model signals: `post_save.connect(…)`, `@receiver`."""
    for node in ast.walk(tree):
        name = getattr(node.value, "id", "") if isinstance(node, ast.Attribute) else ""
        if node_is_connect(node) and name.startswith(("post_", "pre_", "m2m_")):
            yield name
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "receiver":
            signal = node.args[0] if node.args else None
            if getattr(signal, "id", "").startswith(("post_", "pre_", "m2m_")):
                yield "receiver"


def test_no_derived_data_is_refreshed_from_a_signal():
    """Only the data version (history/versions.py) follows the model signals; the funding facts
    are refreshed by the writes that change them (funding/refresh.py)."""
    found = {
        str(path.relative_to(ROOT))
        for path in modules(*PACKAGES)
        if list(signal_receivers(ast.parse(path.read_text())))
    }
    assert found == {"history/versions.py"}
