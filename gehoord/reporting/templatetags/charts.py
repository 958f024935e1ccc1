"""Accessible, server-rendered SVG bar charts, each with its data table (no JavaScript)."""

from __future__ import annotations

import itertools

from django import template

register = template.Library()

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 220
CHART_WIDTH = 640
_ids = itertools.count(1)


@register.inclusion_tag("reporting/_bar_chart.html")
def bar_chart(title: str, rows, unit: str = "", digits: int = 0, printable: bool = False) -> dict:
    """A horizontal bar chart of (label, value) rows; the table below it carries the same numbers."""
    rows = [(str(label), value or 0) for label, value in rows]
    largest = max((value for _label, value in rows), default=0) or 1
    bar_space = CHART_WIDTH - LABEL_WIDTH - 60
    bars = [
        {
            "label": label,
            "value": value,
            "y": index * (BAR_HEIGHT + GAP),
            "width": max(round(bar_space * value / largest), 1 if value else 0),
            "text_x": LABEL_WIDTH + max(round(bar_space * value / largest), 0) + 6,
        }
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "id": f"chart-{next(_ids)}",
        "title": title,
        "bars": bars,
        "unit": unit,
        "digits": digits,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "width": CHART_WIDTH,
        "height": max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "bar_height": BAR_HEIGHT,
        "text_dy": BAR_HEIGHT - 6,
        # On paper (the annual report's PDF) the table is printed, not folded away.
        "printable": printable,
    }
