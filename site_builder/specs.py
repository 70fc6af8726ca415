"""The Altair chart of each kind, built from plain rows: what the drawing workers run.

``charts`` decides what a chart says (its rows, title, notes and text alternative) with
pandas; this module only lays those out as Altair marks. Its builders take plain Python
values (lists of dicts, strings, numbers), so a chart is handed to a drawing process as a
picklable call (``functools.partial`` of a builder here), and the process builds the spec
itself: it imports Altair, but neither pandas nor the data model. On a first build that
takes spec building (and the Altair import) off the main process, which meanwhile checks
the data and renders the pages. A rebuild with fewer than 8 charts to draw runs the same
calls on threads of the build itself (``render_charts``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import altair as alt

ACCENT = "#2f6fb0"  # one accent colour per chart; readable on white and on Material's slate
BAR_HEIGHT = 30
WIDTH = 260  # scaled by the SVG viewBox to the phone's width
FONT = "Noto Sans CJK SC"
STATUS_COLOUR = "#5f6b78"  # words in place of a bar: muted, never a bar of length 0
# The site's chart config (set on every spec; kept as data so builds need not validate it).
CONFIG = {
    "font": FONT,
    "background": "transparent",
    "view": {"stroke": None},
    "axis": {
        "aria": False,  # labels of marks, not of axes, are what readers hover
        "labelFontSize": 14,
        "labelColor": "#222",
        "labelPadding": 6,  # region names clear of their bars
        "domain": False,
        "ticks": False,
        "grid": False,
    },
}
TITLE_CHARS = 17  # 16 px CJK characters that fit the chart's width
SUBTITLE_CHARS = 22
TITLE_LINE = 18  # px between title lines (16 px type), and between subtitle lines (13 px)
SUBTITLE_LINE = 15
PADDING = 5  # Vega-Lite's default space around the chart
# Altair's debug mode is one global switch: specs built on threads (a rebuild with few
# charts to draw) take turns with it.
_DEBUG_MODE = threading.Lock()


def vega_lite(build: Callable[[], alt.TopLevelMixin], validate: bool = False) -> dict:
    """The Vega-Lite spec of ``build()`` with the site's chart config.

    Validation against the Vega-Lite schema is slow (Altair's debug mode checks every
    object as it is made, tens of ms a chart) and the builders always produce the same
    structure, so builds skip it; the test suite validates every chart (``validate=True``).
    """
    import altair as alt

    with _DEBUG_MODE, alt.utils.schemapi.debug_mode(validate):
        spec = build().to_dict(validate=validate)
    spec["config"] = CONFIG
    return spec


def wrap(text: str, width: int) -> list[str]:
    """Break a Chinese line for the chart's narrow width, at punctuation where possible,
    else between characters, never inside a number or a Latin word ("2024", "GDP")."""
    lines, rest = [], text
    while len(rest) > width:
        head = rest[: width + 1]
        breaks = [i + 1 for i, ch in enumerate(head[:width]) if ch in "：；，、）"]
        breaks += [i for i, ch in enumerate(head) if ch in "（→" and i > 0]
        cut = max(breaks) if breaks and max(breaks) >= 2 else width
        inside = cut
        while inside > 1 and _joined(rest[inside - 1], rest[inside]):
            inside -= 1
        cut = inside if inside > 1 else cut  # a word longer than the line is cut anyway
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*lines, rest] if rest else lines


def _joined(left: str, right: str) -> bool:
    """Two characters a line must not break between: digits and Latin letters of one word."""
    return (left.isascii() and left.isalnum() or left == ".") and (
        right.isascii() and right.isalnum() or right == "."
    )


def _values(rows: list[dict]):
    """Rows as inline Vega-Lite data (Altair's own DataFrame conversion costs more than
    drawing a small chart). Missing values arrive as None already (``charts.plain``)."""
    import altair as alt

    return alt.InlineData(values=rows)


def title_lines(title: str, subtitle: list[str]) -> tuple[list[str], list[str]]:
    """The lines the chart's title and subtitle are drawn on."""
    return wrap(title, TITLE_CHARS), [line for s in subtitle for line in wrap(s, SUBTITLE_CHARS)]


def title_room(title: str, subtitle: list[str], min_lines: tuple[int, int]) -> int:
    """The height, in the chart's px, that its title and subtitle fall short of
    ``min_lines`` (title lines, subtitle lines). Charts shown side by side reserve it above
    the drawing (the page's CSS, where they are side by side), so that their drawings start
    at the same height; a phone, showing them one under the other, reserves nothing."""
    text, sub = title_lines(title, subtitle)
    room = TITLE_LINE * max(0, min_lines[0] - len(text))
    return room + SUBTITLE_LINE * max(0, min_lines[1] - len(sub))


def _layered(
    layers: list,
    title: str,
    subtitle: list[str],
    height: float,
    width: float = WIDTH,
    data=None,
) -> alt.LayerChart:
    """The chart: its layers, the data they share, its size and its title, in one go.

    Built in a single constructor call, and with the shared rows only at the top: Altair's
    chaining (``+``, ``.properties``) deep-copies every layer with its rows and validates
    each property, which cost more than drawing the chart.
    """
    import altair as alt

    extra = {} if data is None else {"data": data}
    text, sub = title_lines(title, subtitle)
    return alt.LayerChart(
        layer=layers,
        width=width,
        height=height,
        title=alt.TitleParams(
            text=text,
            subtitle=sub or alt.Undefined,
            anchor="start",
            fontSize=16,
            lineHeight=TITLE_LINE,
            fontWeight="bold",
            subtitleFontSize=13,
            subtitleLineHeight=SUBTITLE_LINE,
            subtitleColor="#5f6b78",
            offset=10,
        ),
        **extra,
    )


def comparison(
    rows: list[dict],
    from_source: list[str],
    metric_name: str,
    title: str,
    subtitle: list[str],
    highlight: str | None = None,
) -> alt.LayerChart:
    """Bars for the units with a figure, the words 未报告/未单独报告/暂无数据 for the others.

    ``rows``: one per unit drawn, in the order drawn (region_name, value, label, worded,
    evidence, note, colour, status); ``from_source``: per row, the words naming its source
    when the chart draws figures of more than one document ("" otherwise). ``highlight``:
    the page's own unit, named in bold (its bar, if any, is in the accent colour; a unit
    without a bar would otherwise look like every other row).
    """
    import altair as alt

    names = [r["region_name"] for r in rows]
    top = float(max(r["value"] for r in rows if r["status"] == "reported"))
    shown = [
        {
            **r,
            "tip_note": "—" if r["note"] == "" else r["note"],
            "tip_evidence": "—" if r["evidence"] == "" else r["evidence"],
            # a mark's label (its tooltip): the figure, its clause and the note that goes with it
            "description": f"{r['region_name']}：{r['worded']}"
            + (f"（{r['evidence']}）" if r["evidence"] else "")
            + src
            + (f"。{r['note']}" if r["note"] else ""),
        }
        for r, src in zip(rows, from_source, strict=True)
    ]
    bold = (
        {
            "labelFontWeight": alt.expr(
                f"datum.value === {json.dumps(highlight)} ? 'bold' : 'normal'"
            )
        }
        if highlight in names
        else {}
    )
    base = alt.Chart().encode(
        y=alt.Y("region_name:N", sort=names, title=None, axis=alt.Axis(**bold)),
        x=alt.X("value:Q", axis=None, scale=alt.Scale(domain=[0, top * 1.4], nice=False)),
        tooltip=[
            alt.Tooltip("region_name:N", title="地区"),
            alt.Tooltip("worded:N", title=metric_name),
            alt.Tooltip("tip_evidence:N", title="原文摘句"),
            alt.Tooltip("tip_note:N", title="说明"),
        ],
        description=alt.Description("description:N"),
    )
    bars = (
        base.transform_filter(alt.datum.status == "reported")
        .mark_bar(height=BAR_HEIGHT - 12, cornerRadiusEnd=2)
        .encode(color=alt.Color("colour:N", scale=None))
    )
    labels = (
        base.transform_filter(alt.datum.status == "reported")
        .mark_text(align="left", baseline="middle", dx=5, fontSize=14, color="#222")
        .encode(text=alt.Text("label:N"))
    )

    def status_words(test, **style):  # 未报告/未单独报告/暂无数据 where the bar would be
        return (
            base.transform_filter(test)
            .mark_text(
                align="left", baseline="middle", dx=2, fontSize=13, color=STATUS_COLOUR, **style
            )
            .encode(x=alt.XValue(0), text=alt.Text("label:N"))
        )

    absent = alt.datum.status != "reported"
    if highlight in names:  # the page's own unit in bold, the others as usual
        here = alt.datum.region_name == highlight
        missing = [status_words(absent & ~here), status_words(absent & here, fontWeight="bold")]
    else:
        missing = [status_words(absent)]
    return _layered(
        [bars, labels, *missing],
        title,
        subtitle,
        height=(BAR_HEIGHT - 6) * len(rows),
        data=_values(shown),
    )


def tiles(
    rows: list[dict],
    width: int,
    height: int,
    title: str,
    subtitle: list[str],
) -> alt.LayerChart:
    """Equal squares at (x, y)–(x2, y2), each outlined in its style, its name and words in
    the middle; a tile with an ``href`` links there (and so do its words)."""
    import altair as alt

    x_scale = alt.Scale(domain=[0, width], nice=False)
    x = alt.X("x:Q", axis=None, scale=x_scale)
    y_scale = alt.Scale(domain=[0, height], nice=False, reverse=True)
    y = alt.Y("y:Q", axis=None, scale=y_scale)
    base = alt.Chart(_values(rows)).encode(x=x, y=y, description=alt.Description("description:N"))
    layers = []
    # one layer per outline (Vega-Lite sets a dash and a width per mark, not per item)
    outlines = sorted({(tuple(r["dash"]), r["stroke_width"]) for r in rows})
    for dash, stroke_width in outlines:
        group = [r for r in rows if (tuple(r["dash"]), r["stroke_width"]) == (dash, stroke_width)]
        enc = {
            "x2": alt.X2("x2:Q"),
            "y2": alt.Y2("y2:Q"),
            "fill": alt.Color("fill:N", scale=None),
            "stroke": alt.Color("stroke:N", scale=None),
            "description": alt.Description("description:N"),
        }
        if any(r["href"] for r in group):
            enc["href"] = alt.Href("href:N")
        mark = {"strokeWidth": float(stroke_width), "cornerRadius": 3}
        if dash:
            mark["strokeDash"] = list(dash)
        layers.append(alt.Chart(_values(group)).mark_rect(**mark).encode(x=x, y=y, **enc))
    centre = {
        "x": alt.X("cx:Q", scale=x_scale, axis=None),
        "y": alt.Y("cy:Q", scale=y_scale, axis=None),
    }
    if any(r["href"] for r in rows):  # the words on a tile lead where the tile leads
        centre["href"] = alt.Href("href:N")
    names = base.mark_text(fontSize=13, fontWeight="bold", dy=-8, baseline="middle").encode(
        text=alt.Text("region_name:N"), color=alt.Color("name_colour:N", scale=None), **centre
    )
    status = base.mark_text(fontSize=12, dy=11, baseline="middle").encode(
        text=alt.Text("label:N"), color=alt.Color("status_colour:N", scale=None), **centre
    )
    return _layered([*layers, names, status], title, subtitle, height=height, width=width)


def change(
    rows: list[dict],
    segments: list[dict],
    metric_name: str,
    title: str,
    subtitle: list[str],
) -> alt.LayerChart:
    """A region's metric by year: labelled dots, lines only between consecutive exact
    figures (``segments``), the status written in for a year without a figure."""
    import altair as alt

    years = [r["year"] for r in rows]
    top = max(r["value"] for r in rows if r["status"] == "reported")
    x = alt.X(
        "year:Q",
        scale=alt.Scale(domain=[years[0] - 0.5, years[-1] + 0.5], nice=False),
        axis=alt.Axis(values=years, format="d", title=None, labelFontSize=13),
    )
    y_scale = alt.Scale(domain=[0, top * 1.35], nice=False)
    y = alt.Y("value:Q", scale=y_scale, axis=None)
    lines = (
        alt.Chart(_values(segments))
        .mark_rule(color=ACCENT, strokeWidth=2)
        .encode(x=x, y=y, x2=alt.X2("year2:Q"), y2=alt.Y2("value2:Q"))
    )
    base = alt.Chart(_values(rows)).encode(x=x, description=alt.Description("description:N"))
    dots = (
        base.transform_filter(alt.datum.status == "reported")
        .mark_point(filled=True, size=70, color=ACCENT, opacity=1)
        .encode(y=y, tooltip=[alt.Tooltip("label:N", title=metric_name)])
    )
    labels = (
        base.transform_filter(alt.datum.status == "reported")
        .mark_text(dy=-12, fontSize=13, color="#222")
        .encode(y=y, text=alt.Text("label:N"))
    )
    missing = (
        base.transform_filter(alt.datum.status != "reported")
        .mark_text(fontSize=12, color=STATUS_COLOUR)
        .encode(y=alt.YValue(BAR_HEIGHT * 2), text=alt.Text("label:N"))
    )
    return _layered(
        [lines, dots, labels, missing],
        title,
        subtitle,
        height=BAR_HEIGHT * 3,
        width=max(200, 90 * len(years)),
    )
