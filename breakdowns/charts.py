"""Geometry for server-drawn SVG charts (templates/funding/_bars.svg and _stacked.svg).

The charts repeat the table next to them; they need no script and no network.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from web.formats import decimal_separator, nok

COLOURS = [
    "#1f5f99", "#e08a1e", "#2e8b57", "#b3261e", "#6a4c93",
    "#3d9ec9", "#a0522d", "#708090", "#c71585", "#556b2f",
]  # fmt: skip
LABEL_WIDTH, BAR_WIDTH, BAR_HEIGHT, GAP = 260, 420, 18, 6
MILLION = Decimal(1_000_000)


def in_millions():
    """A function writing NOK 12 345 678 as "12.3 M", the active language's text and decimal
    separator looked up once for the chart's bars."""
    text, decimal = _("%(amount)s M"), decimal_separator()
    return lambda amount: text % {"amount": nok(amount / MILLION, 1, decimal=decimal)}


def bars(rows):
    """Horizontal bars for (label, amount) pairs, one per row, the longest the largest amount."""
    rows = list(rows)
    largest = max((amount for _label, amount in rows), default=Decimal(0))
    millions, items = in_millions(), []
    for index, (label, amount) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        width = float(amount / largest * BAR_WIDTH) if largest else 0
        items.append(
            {
                "label": label if len(label) <= 34 else label[:33] + "…",
                "full_label": label,
                "value": millions(amount),
                "y": y,
                "text_y": y + BAR_HEIGHT - 5,
                "width": round(width, 1),
                "value_x": LABEL_WIDTH + round(width, 1) + 4,
            }
        )
    return {
        "items": items,
        "bar_x": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 6,
        "height": len(items) * (BAR_HEIGHT + GAP),
        "width": LABEL_WIDTH + BAR_WIDTH + 80,
        "bar_height": BAR_HEIGHT,
    }


def stacked(matrix, height=240, column=44):
    """Vertical bars per year, stacked by the matrix's rows (the first ten; the rest grey)."""
    largest = max(matrix.column_totals, default=Decimal(0))
    millions, columns = in_millions(), []
    for index, year in enumerate(matrix.years):
        x, bottom, segments = 10 + index * (column + 8), height, []
        for position, row in enumerate(matrix.rows):
            amount = row.cells[index]
            if not amount or not largest:
                continue
            size = float(amount / largest * (height - 20))
            bottom -= size
            segments.append(
                {
                    "y": round(bottom, 1),
                    "height": round(size, 1),
                    "colour": COLOURS[position] if position < len(COLOURS) else "#c0c6cc",
                    "title": f"{row.label}, {year}: {millions(amount)}",
                }
            )
        columns.append({"x": x, "year": year, "segments": segments, "label_x": x + column / 2})
    legend = [
        {
            "label": row.label,
            "colour": COLOURS[position],
            "y": 14 + position * 18,
            "text_y": 25 + position * 18,
        }
        for position, row in enumerate(matrix.rows[: len(COLOURS)])
    ]
    width = 20 + len(matrix.years) * (column + 8)
    return {
        "columns": columns,
        "column_width": column,
        "height": height,
        "axis_y": height + 14,
        "width": width + 300,
        "legend_x": width + 10,
        "legend_text_x": width + 26,
        "legend": legend,
        "total_height": max(height + 20, 20 + len(legend) * 18),
    }
