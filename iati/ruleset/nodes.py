"""What a case's XPaths select, as the rules read it (SPEC.rst): an element's text is all the
text inside it, an attribute's or a text node's its value."""

from datetime import date

from lxml import etree


def select(element, path):
    """The results of `path` on `element` as a list (an XPath that gives a number, a string or
    a boolean gives a list of that one value)."""
    found = element.xpath(path)
    return found if isinstance(found, list) else [found]


def holds(element, path):
    """`path` on `element` read as an XPath boolean (a node set is true when not empty)."""
    return bool(element.xpath(f"boolean({path})"))


def text(result):
    if isinstance(result, etree._Element):
        return "".join(result.itertext())
    return str(result)


def matched(element, case):
    """Every result of the case's `paths`, in order."""
    return [result for path in case.get("paths", []) for result in select(element, path)]


def texts(element, case):
    return [text(result) for result in matched(element, case)]


def dates(element, path, today):
    """The dates `path` selects (`NOW`: today), those that are not dates left out (the schema
    reports them). A date-time counts as its date."""
    if path == "NOW":
        return [today]
    found = []
    for result in select(element, path):
        try:
            found.append(date.fromisoformat(text(result).strip()[:10]))
        except ValueError:
            continue
    return found


def quoted(values):
    return ", ".join(f"“{value}”" for value in values)
