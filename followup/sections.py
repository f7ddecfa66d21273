"""The report's measure sections: one per measure with efforts reported in the year, in number
order; in each, the efforts in the order editors set, under their headings (ReportHeading): the
headings come in the order of their first effort, the headings below them likewise, and a
country heading prints the country's name of the report's year."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from web.formats import nok

from .grouping import project_amounts
from .models import Effort, ReportHeading
from .overview import measure_lines
from .prose import blocks

NOTHING = _("Measures of the %(ministry)s with nothing recorded for %(year)s")
UNTRANSLATED = _("Untranslated")
NO_NORWEGIAN = _("No Norwegian name is recorded for “%(name)s”: the English one is printed.")


@dataclass
class Node:
    heading: object = None  # ReportHeading, None at the top
    items: list = field(default_factory=list)  # Effort or Node, in the order first met


def tree(efforts, headings):
    """The efforts under their headings: a Node for the top, its items efforts and Nodes."""
    top, nodes = Node(), {}
    for effort in efforts:
        node = top
        for heading in path(effort.heading_id, headings):
            key = (id(node), heading.pk)
            if key not in nodes:
                nodes[key] = Node(heading)
                node.items.append(nodes[key])
            node = nodes[key]
        node.items.append(effort)
    return top


def path(pk, headings):
    """The headings from the top down to `pk`'s (a loop stops where it would repeat)."""
    out = []
    while pk is not None and pk in headings and headings[pk] not in out:
        out.insert(0, headings[pk])
        pk = headings[pk].parent_id
    return out


def write_node(builder, node, level, amounts):
    for item in node.items:
        if isinstance(item, Node):
            builder.document.heading(min(level, 4), item.heading.text_in(builder.year))
            if builder.document.draft:
                untranslated(builder, item.heading.named())
            write_node(builder, item, level + 1, amounts)
        else:
            write_effort(builder, item, amounts)


def write_effort(builder, effort, amounts):
    doc = builder.document
    if doc.draft:
        doc.note(draft_line(effort), gettext("Effort"))
        for project in effort.projects.all():
            amount = amounts.get((project.pk, effort.reported_in))
            doc.note(f"{project.title}: {nok(amount, code=True) if amount else '–'}", _("Project"))
    doc.prose(blocks(effort.narrative, builder.footnotes))
    doc.note(effort.source, _("Source"))
    doc.note(effort.editorial_note, _("Editorial note"))


def draft_line(effort):
    details = [
        effort.get_kind_display(), effort.when, str(effort.unit or ""),
        effort.get_review_state_display(),
    ]  # fmt: skip
    return f"{effort.order}. {effort.title} ({', '.join(d for d in details if d)})"


def measure_sections(builder, first_number):
    year, plan, doc = builder.year, builder.plan, builder.document
    efforts = list(
        Effort.objects.for_year(year)
        .in_report(doc.draft)
        .filter(measures__plan=plan)
        .distinct()
        .for_report()
        .order_by("order", "pk")
    )
    headings = ReportHeading.objects.select_related("recipient", "region").prefetch_related(
        "recipient__earlier_names"
    )
    headings = {heading.pk: heading for heading in headings}
    by_measure = {}
    for effort in efforts:
        for measure in effort.measures.all():
            by_measure.setdefault(measure.pk, []).append(effort)
    amounts = project_amounts(efforts) if doc.draft else {}
    lines = measure_lines(plan, year)[0] if doc.draft else []
    status = {line.measure.pk: line for line in lines}
    number, start = first_number, len(builder.footnotes.notes)
    for measure in plan.measures.order_by("number"):
        if measure.pk not in by_measure:
            continue
        doc.heading(1, section_heading(number, measure))
        if doc.draft and measure.title:
            untranslated(builder, measure)
        if measure.pk in status:
            doc.note(status_text(status[measure.pk]), _("Status"))
        write_node(builder, tree(by_measure[measure.pk], headings), 2, amounts)
        start = builder.section_notes(start)
        number += 1
    if doc.draft:
        nothing_recorded(builder, lines, by_measure)


def untranslated(builder, record):
    """The draft's note that `record` has no name in the report's language (Norwegian)."""
    if record.lacks_translation():
        name = getattr(record, record.translated)
        builder.document.note(NO_NORWEGIAN % {"name": name}, UNTRANSLATED)


def section_heading(number, measure):
    title = measure.in_language() or gettext("(title missing)")
    return gettext("%(section)s. Measure %(number)s: %(title)s") % {
        "section": number,
        "number": measure.number,
        "title": title,
    }


def status_text(line):
    """A measure's status and funding in the year, for the draft."""
    funding = nok(line.funding.amount if line.funding else 0, code=True)
    text = gettext("Status: %(status)s.") % {"status": line.status} + " "
    text += gettext("Funding through projects (by measure share):") + f" {funding}."
    return f"{text} {line.summary}" if line.summary else text


def nothing_recorded(builder, lines, by_measure):
    """The draft's list of the Ministry's measures with nothing recorded."""
    ours = [line for line in lines if line.measure.pk not in by_measure and line.missing]
    if ours:
        names = {"ministry": settings.TRACKER_MINISTRY, "year": builder.year}
        builder.document.note(NOTHING % names, _("Missing"))
        for line in ours:
            builder.document.note(str(line.measure), _("Missing"))
