"""The IATI codelists vendored in iati/codelists/ (README.md there: source, version, licence),
and the check of a document's codes against them as iati/codelists/mapping.xml assigns them:
an unknown code is an error, a withdrawn one a warning."""

import re
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from .findings import ERROR, WARNING, Finding, activity_of

FOLDER = Path(__file__).resolve().parent / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = {"xml": "http://www.w3.org/XML/1998/namespace"}


@dataclass(frozen=True)
class Code:
    code: str
    name: str  # in English
    withdrawn: bool
    category: str = ""  # e.g. a purpose code's 3-digit DAC sector


@dataclass(frozen=True)
class Mapping:
    path: str  # an XPath to attributes (or text) that take codes of `codelist`
    codelist: str
    condition: str = ""  # an XPath on the element holding the value; empty: always


def english(parent):
    """The English narrative of a `name` (the lists are in English unless marked otherwise)."""
    if parent is None:
        return ""
    for narrative in parent.iterfind("narrative"):
        if narrative.get(XML_LANG, "en") == "en":
            return " ".join((narrative.text or "").split())
    return ""


def vendored(name):
    return (FOLDER / f"{name}.xml").is_file()


@cache
def codelist(name):
    """{code: Code} of the vendored codelist `name` ("Sector", "Country", …), in file order."""
    root = etree.parse(str(FOLDER / f"{name}.xml")).getroot()
    codes = {}
    for item in root.iterfind("codelist-items/codelist-item"):
        code = item.findtext("code").strip()
        withdrawn = item.get("status") == "withdrawn"
        category = (item.findtext("category") or "").strip()
        codes[code] = Code(code, english(item.find("name")), withdrawn, category)
    return codes


@cache
def mappings():
    """mapping.xml's mappings, for activity documents and organisation files alike (a path of
    one selects nothing in the other)."""
    root = etree.parse(str(FOLDER / "mapping.xml")).getroot()
    found = []
    for mapping in root.iter("mapping"):
        path = mapping.findtext("path").strip()
        condition = (mapping.findtext("condition") or "").strip()
        found.append(Mapping(path, mapping.find("codelist").get("ref"), condition))
    return tuple(found)


def nearest(codes, value, count=1):
    """The `count` active codes of `codes` ({code: Code}) nearest to `value`: for digits, the
    longest common start and then the closest number; otherwise the longest common start,
    ignoring case."""
    active = [c for c in codes.values() if not c.withdrawn]
    value = value.strip().upper()
    if value.isdigit():
        active = [c for c in active if c.code.isdigit() and len(c.code) == len(value)]

        def distance(c):
            return -common_start(c.code, value), abs(int(c.code) - int(value))
    else:

        def distance(c):
            return -common_start(c.code.upper(), value), c.code

    return [c for c in sorted(active, key=distance)[:count] if distance(c)[0] < 0]


def common_start(a, b):
    return len(list(takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False))))


def where(mapping, value):
    """The value's place as a reader finds it: `sector/@code`, `iati-activities/@version`."""
    element = value.getparent()
    place = re.sub(r"^//(iati-activity/|iati-organisation/)?", "", mapping.path)
    if place.startswith("@"):  # //@xml:lang: any element's
        place = f"{element.tag}/{place}"
    return place


def code_findings(tree):
    """A Finding for every value of the document `tree` (lxml) that mapping.xml assigns to a
    codelist and that is not an active code of it, in the order of mapping.xml."""
    found = []
    for mapping in mappings():
        for value in tree.xpath(mapping.path, namespaces=NAMESPACES):
            element = value.getparent()
            if mapping.condition and not element.xpath(f"boolean({mapping.condition})"):
                continue
            problem = value_problem(mapping, value)
            if problem:
                found.append(Finding(problem[1], activity_of(value), problem[0]))
    return found


def value_problem(mapping, value):
    """(severity, sentence) for a value that is not an active code of its list, else None."""
    facts = {"place": where(mapping, value), "value": value, "list": mapping.codelist}
    if not vendored(mapping.codelist):
        return ERROR, _(
            "%(place)s %(value)s cannot be checked: the IATI %(list)s codelist is not vendored "
            "in iati/codelists/ (see its README.md)"
        ) % facts
    codes = codelist(mapping.codelist)
    code = codes.get(str(value))
    if code is None:
        return ERROR, unknown(facts, nearest(codes, str(value)))
    if code.withdrawn:
        return WARNING, _(
            "%(place)s %(value)s “%(name)s” is withdrawn from the IATI %(list)s codelist"
        ) % {**facts, "name": code.name}
    return None


def unknown(facts, near):
    sentence = _("%(place)s %(value)s is not in the IATI %(list)s codelist") % facts
    if not near:
        return sentence
    guess = ", ".join(f"{c.code} “{c.name}”" if c.name else c.code for c in near)
    return _("%(sentence)s (did you mean %(guess)s?)") % {"sentence": sentence, "guess": guess}


PURPOSE_CODE_COLUMNS = ("code", "name", "category", "status")


def purpose_code_rows():
    """The Sector codelist (DAC 5-digit purpose codes) as rows for
    fixtures/reference/purpose_codes.csv, which the projects app validates purpose codes with
    (it may not read this app)."""
    return [
        {
            "code": code.code,
            "name": code.name,
            "category": code.category,
            "status": "withdrawn" if code.withdrawn else "active",
        }
        for code in codelist("Sector").values()
    ]
