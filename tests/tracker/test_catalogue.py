"""The Norwegian catalogue is complete (no untranslated, no fuzzy entries) and its committed
.mo files are what its .po files compile to. Needs GNU gettext's msgfmt (`make gettext-deps`)."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

MESSAGES = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES"
CATALOGUES = sorted(MESSAGES.glob("*.po"))


def msgfmt(*args):
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: install GNU gettext (make gettext-deps)")
    return subprocess.run(["msgfmt", *args], capture_output=True, text=True, check=False)


def test_there_are_catalogues_for_pages_and_the_admin_scripts():
    assert [po.name for po in CATALOGUES] == ["django.po", "djangojs.po"]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.name)
def test_every_entry_is_translated_and_none_is_fuzzy(po):
    result = msgfmt("--check", "--statistics", "-o", "/dev/null", str(po))
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics
    assert statistics.endswith("translated messages.")
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.name)
def test_the_committed_mo_is_compiled_from_the_po(po, tmp_path):
    fresh = tmp_path / "fresh.mo"
    assert msgfmt("--check-format", "-o", str(fresh), str(po)).returncode == 0
    with fresh.open("rb") as new, po.with_suffix(".mo").open("rb") as committed:
        expected = gettext.GNUTranslations(new)._catalog
        assert gettext.GNUTranslations(committed)._catalog == expected, (
            f"{po.with_suffix('.mo').name} is out of date: run `make messages`"
        )


def test_every_string_of_the_jinja2_templates_is_in_the_catalogue():
    """`make messages` reads the Jinja2 templates as Django templates: a `_("…")` it cannot
    read (escaped quotes, a parenthesis before it) would fall out of the catalogue unnoticed."""
    translations = gettext.GNUTranslations((MESSAGES / "django.mo").open("rb"))._catalog
    templates = Path(settings.BASE_DIR, "templates").rglob("*.jinja")
    strings = {
        text
        for path in templates
        for _quote, text in re.findall(r"""_\((["'])(.*?)\1\)""", path.read_text())
    }
    assert len(strings) > 50
    assert sorted(text for text in strings if text not in translations) == []
