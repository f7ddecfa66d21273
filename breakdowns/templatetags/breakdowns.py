"""Template tags of the funding pages; number filters come from `web` (`{% load formats %}`)."""

import html

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from web.formats import count, decimal_separator, nok, percent

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def figure_value(figure, value):
    """A published figure's value in its unit: NOK, a count, a rank, yes or no, or a share or
    ratio as a percentage."""
    if value is None:
        return "–"
    if figure.unit in ("NOK", "NOK_at_least"):
        return nok(value, code=True)
    if figure.unit == "count":
        return count(value)
    if figure.unit in ("rank", "rank_at_most"):
        return f"#{count(value)}"
    if figure.unit == "true":
        return _("yes") if value else _("no")
    return percent(value, 1)


# The rows of the breakdown tables and the bars of their charts are written here rather than by
# template loops: a 261-country page made about 5 000 variable lookups, more than half of the
# page's own time beside its SQL (docs/breakdowns.md). The markup is the templates' own, escaped
# as the templates escape it.


def escape(text):
    """conditional_escape(), at a third of its cost for plain strings (its lazy-text wrapper
    and SafeString cost more than escaping a label): a page writes about five per row."""
    return html.escape(text) if type(text) is str else conditional_escape(text)


@register.simple_tag
def breakdown_rows(table):
    """The <tr>s of a breakdown's table (funding/breakdown.html)."""
    # (xgettext reads no calls inside f-strings: the texts are taken out first)
    title, text = escape(_("excluded from the share base")), escape(_("not in base"))
    excluded = f'<span title="{title}">{text}</span>'
    parts, decimal = [], decimal_separator()
    for row in table.rows:
        label = escape(row.label)
        head = f'<a href="{escape(row.url)}">{label}</a>' if row.url else label
        if row.page:
            aria = _("%(label)s: the organisation's page") % {"label": label}
            page, organisation = escape(row.page), escape(_("(organisation)"))
            head += f' <a href="{page}" class="muted" aria-label="{aria}">{organisation}</a>'
        share = escape(percent(row.share, decimal=decimal)) if row.in_base else excluded
        parts.append(
            f'<tr>\n    <th scope="row">{head}</th>\n'
            f'    <td class="num">{nok(row.amount)}</td>\n'
            f'    <td class="num">{share}</td>\n'
            f'    <td class="num">{count(row.agreements)}</td>\n'
            f'    <td class="num">{count(row.agreement_years)}</td>\n  </tr>'
        )
    return mark_safe("".join(parts))


@register.simple_tag
def matrix_rows(table):
    """The <tr>s of a by-year matrix (funding/breakdown.html)."""
    parts = []
    for row in table.rows:
        cells = "".join(f'<td class="num">{nok(cell)}</td>' for cell in row.cells)
        parts.append(
            f'<tr>\n    <th scope="row">{escape(row.label)}</th>\n    {cells}\n'
            f'    <td class="num">{nok(row.total)}</td>\n  </tr>'
        )
    return mark_safe("".join(parts))


@register.simple_tag
def bar_items(chart):
    """The bars of funding/_bars.svg (geometry in plain digits and points, never localised)."""
    label_x, bar_x, height = chart["label_x"], chart["bar_x"], chart["bar_height"]
    parts = []
    for item in chart["items"]:
        value, y = escape(item["value"]), item["text_y"]
        parts.append(
            f"<g><title>{escape(item['full_label'])}: NOK {value}</title>\n"
            f'<text x="{label_x}" y="{y}" text-anchor="end" font-size="12">'
            f"{escape(item['label'])}</text>\n"
            f'<rect x="{bar_x}" y="{item["y"]}" width="{item["width"]}" height="{height}" '
            'fill="#1f5f99"></rect>\n'
            f'<text x="{item["value_x"]}" y="{y}" font-size="12">{value}</text></g>\n'
        )
    return mark_safe("".join(parts))
