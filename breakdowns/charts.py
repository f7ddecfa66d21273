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
AXIS = 56  # room left of the stacked bars for the amounts on their axis
MILLION = Decimal(1_000_000)


def axis_ticks(largest, span, millions):
    """Round amounts for an axis from 0 up to `largest` (steps of 1, 2 or 5 times a power of
    ten, about four of them), each with its label and its distance from the axis's zero in
    points, `span` being the distance of `largest`."""
    if not largest or largest <= 0:
        return []
    rough = largest / 4
    power = Decimal(10) ** rough.adjusted()
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= rough)
    ticks, value = [], Decimal(0)
    while value <= largest:
        offset = round(float(value / largest * span), 1)
        ticks.append({"label": millions(value), "offset": offset})
        value += step
    return ticks


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
    bottom = len(items) * (BAR_HEIGHT + GAP)
    ticks = axis_ticks(largest, BAR_WIDTH, millions)
    for tick in ticks:
        tick["x"] = LABEL_WIDTH + tick["offset"]
    return {
        "items": items,
        "bar_x": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 6,
        "height": bottom + 36,
        "axis_y": bottom,
        "axis_label_y": bottom + 14,
        "unit_y": bottom + 30,
        "legend_x": LABEL_WIDTH - 160,
        "legend_y": bottom + 20,
        "legend_text_x": LABEL_WIDTH - 144,
        "ticks": ticks,
        "width": LABEL_WIDTH + BAR_WIDTH + 80,
        "bar_height": BAR_HEIGHT,
        "description": "; ".join(f"{item['full_label']}: {item['value']}" for item in items),
    }


def stacked(matrix, height=240, column=44):
    """Vertical bars per year, stacked by the matrix's rows (the first ten; the rest grey)."""
    largest = max(matrix.column_totals, default=Decimal(0))
    millions, columns = in_millions(), []
    for index, year in enumerate(matrix.years):
        x, bottom, segments = AXIS + 10 + index * (column + 8), height, []
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
    width = AXIS + 20 + len(matrix.years) * (column + 8)
    ticks = axis_ticks(largest, height - 20, millions)
    for tick in ticks:
        tick["y"] = round(height - tick["offset"], 1)
        tick["text_y"] = round(tick["y"] + 4, 1)
    totals = zip(matrix.years, matrix.column_totals, strict=True)
    return {
        "ticks": ticks,
        "axis_x": AXIS,
        "axis_label_x": AXIS - 4,
        "axis_end": width,
        "description": "; ".join(f"{year}: {millions(total)}" for year, total in totals),
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
