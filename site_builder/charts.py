"""One builder per kind of chart: a comparison of all county-level units, the schematic
tile map, a region's metric over the years. Each returns a ``Chart``: the exact rows it
draws (published as the chart's CSV), its title and a text alternative, and the call that
builds its Altair chart from plain values (``specs``, run where the chart is drawn).

Conventions (see the design guide): horizontal bars sorted by value, direct labels instead
of an axis, one message per chart said in its title (an order only when every reading of the
qualifiers allows it, see ``compare``), qualifiers shown on the labels ("≥"/"≈") and
explained in the subtitle, units without a figure written "未报告" or "暂无数据" in place of
a bar, never a bar of 0. Every mark carries its own label (``description`` → ``aria-label``),
which the page's script shows on hover.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from . import compare, specs, wording
from .model import Metric
from .schema import TABLE_BY_NAME
from .specs import ACCENT, CONFIG, STATUS_COLOUR

MUTED = "#9aa7b5"
MAX_DRAWN = 12  # rows a phone can read; Sanming's 11 county-level units always fit
MAX_NAMED = 12  # units named in a description before it just counts them


# Changes to this file or to the Altair builders change every chart: part of each chart's
# cache key.
CODE_VERSION = hashlib.sha256(
    b"".join((Path(__file__).parent / f).read_bytes() for f in ("charts.py", "specs.py"))
).hexdigest()[:16]


@dataclass
class Chart:
    """A planned chart. Its spec is built only when it is drawn: a build whose charts are
    all cached never pays for constructing specs. ``make()`` gives the picklable call that
    builds its Altair chart (a ``specs`` builder with plain values), which the drawing
    process runs."""

    id: str  # stable slug, used for file names and element ids
    kind: str  # which builder made it: comparison | tiles
    title: str
    description: str
    data: pd.DataFrame  # exactly the rows drawn
    make: Callable[[], partial]
    inputs: dict = field(default_factory=dict)  # everything the drawing depends on
    sources: tuple[str, ...] = ()  # ids of the sources behind what it shows (its 来源 line)
    data_id: str = ""  # another chart whose CSV holds exactly this chart's data
    shown: pd.DataFrame | None = None  # the rows drawn, when fewer than ``data``
    # px to reserve above the drawing where charts stand side by side (specs.title_room)
    room_top: int = 0

    @property
    def csv_id(self) -> str:
        """The chart whose ``downloads/charts/<csv_id>.csv`` holds this chart's data."""
        return self.data_id or self.id

    @property
    def table(self) -> pd.DataFrame:
        """The rows of the chart's text alternative: those it draws."""
        return self.data if self.shown is None else self.shown

    @property
    def key(self) -> str:
        """Hash of what the chart draws and of the code that draws it."""
        payload = json.dumps(
            [CODE_VERSION, CONFIG, self.inputs], sort_keys=True, ensure_ascii=False, default=str
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]

    def vega_lite(self, validate: bool = False) -> dict:
        """The Vega-Lite spec with the site's chart config (see ``specs.vega_lite``)."""
        return specs.vega_lite(self.make(), validate)


def records(df: pd.DataFrame) -> list[dict]:
    """``df.to_dict("records")``, the same values, without pandas' per-cell boxing (a build
    computes every chart's cache key from its rows, cached or not: this is warm-build time)."""
    columns = [df[c].tolist() for c in df.columns]
    return [dict(zip(df.columns, row, strict=True)) for row in zip(*columns, strict=True)]


def plain(rows: list[dict]) -> list[dict]:
    """``records`` as a drawing process takes them: missing values as None (so it needs no
    pandas to read them)."""
    return [{k: None if _is_missing(v) else v for k, v in row.items()} for row in rows]


def _is_missing(value) -> bool:
    """NaN, None or pd.NA (a cell may also hold a list, which pd.isna would test per item)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def qualifier_notes(qualifiers, bars: bool = True) -> list[str]:
    """What ≥ and ≈ mean, for the qualifiers among ``qualifiers`` (one line each); with
    ``bars``, that a ≥ bar ends at the number known, not at the (unknown) actual one."""
    lines = []
    if "at_least" in set(qualifiers):
        lines.append("≥：原文写“多/余/以上”等，不少于该数" + ("；横条只画到这个数" if bars else ""))
    if "approx" in set(qualifiers):
        lines.append("≈：原文写“近/约/左右”等，为约数")
    return lines


def _ordered(units: pd.DataFrame, by_value: bool = True) -> pd.DataFrame:
    """Units with a figure by value (or in the regions' order, for counts made differently from
    place to place, which are not ranked), then those without (未报告, then 暂无数据)."""
    rank = units["status"].map({"reported": 0, "not_reported": 1, "no_data": 2})
    key = units["value"].where(units["status"] == "reported", -math.inf)
    if not by_value:
        key = pd.Series(0.0, index=units.index)
    return (
        units.assign(_rank=rank, _key=-key)
        .sort_values(["_rank", "_key", "region_order"], kind="stable")
        .drop(columns=["_rank", "_key"])
        .reset_index(drop=True)
    )


def _comparison_title(metric: Metric, units: pd.DataFrame, highlight: str | None) -> str:
    """One message, true under every reading of the qualifiers, saying how many reported."""
    reported = units[units["status"] == "reported"]
    n, total = len(reported), len(units)
    worded = dict(zip(reported["region_name"], reported["worded"], strict=True))
    if highlight is not None:
        row = units.loc[units["region_name"] == highlight].iloc[0]
        said = worded.get(highlight) or row["shown_status"]
        return f"{metric.name}：{highlight}{' ' if highlight in worded else ''}{said}（{total} 个单位中 {n} 个有数字）"
    top = compare.leader(
        {
            name: (v, q)
            for name, v, q in zip(
                reported["region_name"], reported["value"], reported["qualifier"], strict=True
            )
        }
    )
    head = f"{metric.name}：{total} 个单位中 {n} 个有数字"
    if metric.caveat:  # counted differently from place to place: shown side by side, unranked
        return f"{head}（各地计数方法可能不同，不排先后）"
    # "最多" only among those with a figure: the others are not ranked below it
    return f"{head}，这 {n} 个中{top}最多（{worded[top]}）" if top else head


def comparison(
    metric: Metric,
    units: pd.DataFrame,
    chart_id: str,
    highlight: str | None = None,
    extra_note: str = "",
    source_titles: dict[str, str] | None = None,
) -> Chart:
    """One comparable metric across every county-level unit.

    ``source_titles`` (source id -> title): when the figures drawn come from more than one
    document, each bar's label names its own (with one, the chart's source line says it).

    ``units`` is ``aggregate.metric_across_units``: one row per unit, with ``status``. Units
    with a figure get a bar labelled with its qualifier; the others get the words 未报告,
    未单独报告 (only a combined count; its note says which) or 暂无数据 in place of a bar,
    and the subtitle and the text alternative count them by those words. ``highlight`` is a
    region name drawn in the accent colour (the others muted), used on region pages.
    """
    data = _ordered(units, by_value=not metric.caveat)
    reported = data["status"] == "reported"
    figures = zip(data["value"], data["qualifier"], data["unit"], data["evidence"], strict=True)
    data["label"], data["worded"] = zip(
        *[
            (wording.short(v, q, u), wording.say(v, q, u, e)) if ok else (absent, absent)
            for ok, absent, (v, q, u, e) in zip(
                reported, data["shown_status"], figures, strict=True
            )
        ],
        strict=True,
    )
    data["colour"] = [
        ACCENT if highlight in (None, name) else MUTED for name in data["region_name"]
    ]
    title = _comparison_title(metric, data, highlight)
    everything = data
    if len(data) > MAX_DRAWN:  # never with Sanming's 11 units; keeps large data readable
        keep = list(data.index[:MAX_DRAWN])
        mine = list(data.index[data["region_name"] == highlight])
        if mine and mine[0] not in keep:
            keep = [*keep[: MAX_DRAWN - 1], mine[0]]
        data = data.loc[keep]
        reported = data["status"] == "reported"
    # the units without a bar, by the word each shows (未报告, 未单独报告, 暂无数据): with the
    # title's count of those with a figure, they make up all the units
    absent_labels = everything.loc[everything["status"] != "reported", ["region_name", "label"]]
    absent_by_name = dict(zip(absent_labels["region_name"], absent_labels["label"], strict=True))
    own_word = absent_by_name.get(highlight)
    words = list(absent_labels["label"])
    absent = [
        f"{words.count(w)} 个{w}"
        + (
            (f"（{highlight}）" if words.count(w) == 1 else f"（含{highlight}）")
            if w == own_word
            else ""
        )
        for w in compare.ABSENT_WORDS
        if w in words
    ]
    subtitle = ["、".join(absent) + "，都不画成 0"] if absent else []
    subtitle += qualifier_notes(data.loc[reported, "qualifier"])
    if metric.caveat:
        subtitle.append(metric.caveat)
    if extra_note:
        subtitle.append(extra_note)
    if len(everything) > len(data):
        subtitle.append(f"图中画出 {len(data)} 个，其余 {len(everything) - len(data)} 个见本图数据")
    names = list(data["region_name"])
    drawn_cols = ["region_name", "value", "label", "worded", "evidence", "note", "colour", "status"]
    drawn = data[drawn_cols]
    cited = sorted(set(data.loc[reported, "source_id"]))
    titles = {sid: source_titles[sid] for sid in cited} if source_titles and len(cited) > 1 else {}
    from_source = [f"，出自《{titles[sid]}》" if sid in titles else "" for sid in data["source_id"]]

    drawn_rows = records(drawn)

    def make() -> partial:
        return partial(
            specs.comparison,
            rows=plain(drawn_rows),
            from_source=from_source,
            metric_name=metric.name,
            title=title,
            subtitle=subtitle,
            highlight=highlight,
        )

    said = [f"{n} {w}" for n, w, ok in zip(names, data["worded"], reported, strict=True) if ok]
    absent_names = {
        w: [n for n, a in absent_by_name.items() if a == w] for w in compare.ABSENT_WORDS
    }
    # the units the figures use, as the sources wrote them (微协商: 场 and 场次)
    units = list(
        dict.fromkeys([metric.unit, *everything.loc[everything["status"] == "reported", "unit"]])
    )
    every_word = list(everything["shown_status"])
    description = f"{metric.name}（{'/'.join(units)}），{compare.coverage_words(every_word)}。"
    description += "，".join(said) + "。"
    for w, who in absent_names.items():
        if len(who) > MAX_NAMED:
            description += f"{w}：{len(who)} 个。"
        elif who:
            description += f"{w}：{'、'.join(who)}。"
    if len(everything) > len(data):
        description += f"其余 {len(everything) - len(data)} 个单位见本图数据。"
    if metric.caveat:
        description += f"比较时须知：{metric.caveat}"
    if extra_note:
        description += f"{extra_note}。"
    inputs = {
        "kind": "comparison",
        "title": title,
        "subtitle": subtitle,
        "metric": metric.name,
        "rows": drawn_rows,
        "highlight": highlight,
        "sources": titles,
        "from_source": from_source,  # each mark's label names its own source
    }
    table = TABLE_BY_NAME["chart_comparison"]
    return Chart(
        chart_id,
        "comparison",
        title,
        description,
        everything[table.header].reset_index(drop=True),
        make,
        inputs,
        shown=data[table.header].reset_index(drop=True) if len(everything) > len(data) else None,
    )


TILE = 64  # px, one square per county-level unit
TILE_GAP = 6
TILE_STYLES = {
    # style -> (fill, stroke, dash, name colour, status colour, stroke width)
    "accent": (ACCENT, ACCENT, [], "#ffffff", "#ffffff", 1.5),
    "reported": (ACCENT, ACCENT, [], "#ffffff", "#ffffff", 1.5),
    "not_reported": ("transparent", "#5f6b78", [], "#222", STATUS_COLOUR, 1.5),
    # a locator's own unit when no source covers it: highlighted, yet drawn as "no data"
    "here_no_data": ("transparent", ACCENT, [4, 3], ACCENT, ACCENT, 3),
    # a unit whose newest figures are from an earlier year than the latest edition's: an
    # outline in the accent colour, no fill (words on a pale fill would vanish in dark mode)
    "older": ("transparent", ACCENT, [], "#222", STATUS_COLOUR, 2.5),
    "no_data": ("transparent", "#9aa7b5", [4, 3], "#5f6b78", STATUS_COLOUR, 1.5),
    "other": ("transparent", "#9aa7b5", [], "#5f6b78", STATUS_COLOUR, 1.5),
}
MAP_NOTE = "示意图：一个方块代表一个县级单位，按大致方位排列（上为北），不表示边界和面积"


def tile_map(
    tiles: pd.DataFrame,
    chart_id: str,
    title: str,
    subtitle: list[str],
    where: str = "",
    caveat: str = "",
    min_lines: tuple[int, int] = (0, 0),
    notes: list[str] | None = None,
) -> Chart:
    """Sanming's county-level units as equal squares placed roughly as on the ground.

    Schematic on purpose: it draws no boundary, so it cannot be wrong about one. ``tiles``
    has one row per unit: region_id, region_name, col, row, style (a key of
    ``TILE_STYLES``), label (the words under the name), href ("" for no link) and, optional,
    spoken (the label as the text alternative says it: 至少 90 场次 for ≥90 场次). ``where``
    says in words what the picture shows by position (a locator's place on the map); the
    chart's notes other than the map note (a comparison's caveat) go into its text
    alternative; ``caveat`` (a comparable metric's) also goes into every row of its CSV.
    ``min_lines``: title and subtitle lines to make room for where maps stand side by side
    (see ``specs.title_room``), so that they line up. ``notes``: what the text alternative says besides the
    tiles, in full, when the subtitle says it in short (a small map's caveat).
    """
    data = tiles.copy()
    data["x"] = data["col"] * (TILE + TILE_GAP)
    data["y"] = data["row"] * (TILE + TILE_GAP)
    data["x2"] = data["x"] + TILE
    data["y2"] = data["y"] + TILE
    data["cx"] = data["x"] + TILE / 2
    data["cy"] = data["y"] + TILE / 2
    keys = ("fill", "stroke", "dash", "name_colour", "status_colour", "stroke_width")
    for i, key in enumerate(keys):
        data[key] = [TILE_STYLES[s][i] for s in data["style"]]
    spoken = data["spoken"] if "spoken" in data else data["label"]  # a figure said in words
    data["description"] = [
        f"{n}：{s}" if s else n for n, s in zip(data["region_name"], spoken, strict=True)
    ]
    width = int(data["x2"].max()) + 2
    height = int(data["y2"].max()) + 2
    data["caveat"] = caveat
    cols = TABLE_BY_NAME["chart_tiles"].header

    def make() -> partial:
        return partial(
            specs.tiles,
            rows=plain(records(data)),
            width=width,
            height=height,
            title=title,
            subtitle=subtitle,
        )

    if notes is None:
        notes = [s for s in subtitle if s != MAP_NOTE]  # e.g. a comparison's caveat
    notes = [n.rstrip("。") for n in notes]
    # a locator says where its unit is; other maps which units each tile's words name
    groups: dict[str, list[str]] = {}
    for name, label in zip(data["region_name"], spoken, strict=True):
        groups.setdefault(label, []).append(name)
    said = where or "；".join(f"{label}：{'、'.join(names)}" for label, names in groups.items())
    description = said + "。" + "".join(f"{n}。" for n in notes) + MAP_NOTE + "。"
    inputs = {
        "kind": "tiles",
        "title": title,
        "subtitle": subtitle,
        "rows": records(data[[*cols, "fill", "stroke", "dash", "stroke_width", "href"]]),
    }
    return Chart(
        chart_id,
        "tiles",
        title,
        description,
        data[cols].reset_index(drop=True),
        make,
        inputs,
        room_top=specs.title_room(title, subtitle, min_lines),
    )


def change_over_years(
    region, metric: Metric, points: list, chart_id: str, source_titles: dict[str, str]
) -> Chart:
    """One region's (``region``) metric over the years (``compare.Point`` per year, oldest first).

    ``source_titles`` (source id -> title) is given when the years' figures come from
    different documents: each dot's label then names its own.

    Dots labelled with their qualifier; a line joins only consecutive years that both have
    a figure, so a year without one is a gap with its status written in, never a 0.
    """
    data = pd.DataFrame(
        [
            {
                "year": p.year,
                "status": p.status,
                "value": p.value,
                "label": p.worded if p.status == "reported" else compare.STATUS_WORDS[p.status],
                "unit": p.unit,
                "qualifier": p.qualifier,
                "evidence": p.evidence,
                "note": p.note,
                "source_id": p.source_id,
            }
            for p in points
        ]
    )
    different_sources = bool(source_titles)
    reported = [p for p in points if p.status == "reported"]
    pairs = list(zip(points, points[1:], strict=False))
    segments = pd.DataFrame(
        [
            {"year": a.year, "year2": b.year, "value": a.value, "value2": b.value}
            for a, b in pairs
            # a line only between two exact figures: with "≥" or "≈" the direction may not hold
            if a.status == b.status == "reported" and a.qualifier == b.qualifier == "exact"
        ],
        columns=["year", "year2", "value", "value2"],
    )
    latest = [p for p in points if p.status == "reported"][-2:]
    title = f"{metric.name}：{compare.change_words(*latest)}" if len(latest) == 2 else metric.name
    subtitle = qualifier_notes([p.qualifier for p in reported], bars=False)  # points, not bars
    if different_sources:
        subtitle.append("各年的数字出自不同来源")

    def make() -> partial:
        shown = data.assign(
            # a dot's label: the figure, its clause, its note and, when the years' figures
            # come from different documents, which one
            description=[
                f"{p.year} 年：{lab}"
                + (f"（{p.evidence}）" if p.evidence else "")
                + (
                    f"，出自《{source_titles[p.source_id]}》"
                    if p.source_id in source_titles
                    else ""
                )
                + (f"。{p.note}" if p.note else "")
                for p, lab in zip(points, data["label"], strict=True)
            ]
        )
        return partial(
            specs.change,
            rows=plain(records(shown)),
            segments=plain(records(segments)),
            metric_name=metric.name,
            title=title,
            subtitle=subtitle,
        )

    description = (
        f"{metric.name}："
        + "；".join(f"{yr} 年 {lab}" for yr, lab in zip(data["year"], data["label"], strict=True))
        + "。"
    )
    if len(latest) == 2:  # the change the title states, for readers who cannot see it
        description += f"{compare.change_words(*latest)}。"
    if different_sources:
        description += "各年的数字出自不同来源。"
    inputs = {
        "kind": "change",
        "sources": source_titles,
        "title": title,
        "subtitle": subtitle,
        "rows": records(data),
        "segments": records(segments),
    }
    table = TABLE_BY_NAME["chart_change"]
    # the region in every row: the files stay whole when a journalist stacks them
    out = data.assign(
        region_id=region.id, region_name=region.name, metric_id=metric.id, metric_name=metric.name
    )
    return Chart(chart_id, "change", title, description, out[table.header], make, inputs)
