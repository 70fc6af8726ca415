"""One Altair builder per kind of chart. Each returns a ``Chart``: the Altair chart, the
exact rows it draws (published as the chart's CSV), its title and a one-line description.

Conventions (see the design guide): horizontal bars sorted by value, direct labels instead
of an axis, one message per chart said in its title, qualifiers shown on the labels
("≥"/"≈") and explained in the subtitle, regions that did not report a metric named as
"未报告" and never drawn as a zero bar.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from . import wording
from .model import Metric

ACCENT = "#2f6fb0"  # one accent colour per chart; readable on white and on Material's slate
MUTED = "#9aa7b5"
BAR_HEIGHT = 30
WIDTH = 260  # scaled by the SVG viewBox to the phone's width
FONT = "Noto Sans CJK SC"
# The site's chart config (set on every spec; kept as data so builds need not validate it).
CONFIG = {
    "font": FONT,
    "background": "transparent",
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 14,
        "labelColor": "#222",
        "domain": False,
        "ticks": False,
        "grid": False,
    },
}
MAX_BARS = 10  # beyond this a bar chart stops being readable on a phone
MAX_NAMED = 6  # regions named in the "未报告" line before it just counts them
TITLE_CHARS = 17  # 16 px CJK characters that fit the chart's width
SUBTITLE_CHARS = 22


# Changes to this file change every chart: part of each chart's cache key.
CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@dataclass
class Chart:
    """A planned chart. The Altair object is built only when needed (``make``): a build
    whose charts are all cached never pays for constructing specs."""

    id: str  # stable slug, used for file names and element ids
    kind: str  # which builder made it: comparable | categories
    title: str
    description: str
    data: pd.DataFrame  # exactly the rows drawn
    make: Callable[[], alt.TopLevelMixin]
    inputs: dict = field(default_factory=dict)  # everything the drawing depends on

    @property
    def altair(self) -> alt.TopLevelMixin:
        return self.make()

    @property
    def key(self) -> str:
        """Hash of what the chart draws and of the code that draws it."""
        payload = json.dumps(
            [CODE_VERSION, CONFIG, self.inputs], sort_keys=True, ensure_ascii=False, default=str
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]

    def vega_lite(self, validate: bool = False) -> dict:
        """The Vega-Lite spec with the site's chart config.

        Validation against the Vega-Lite schema is slow (tens of ms a chart) and the
        builders always produce the same structure, so builds skip it; the test suite
        validates every chart.
        """
        spec = self.altair.to_dict(validate=validate)
        spec["config"] = CONFIG
        return spec


def wrap(text: str, width: int) -> list[str]:
    """Break a Chinese line for the chart's narrow width, at punctuation where possible."""
    lines, rest = [], text
    while len(rest) > width:
        head = rest[: width + 1]
        breaks = [i + 1 for i, ch in enumerate(head[:width]) if ch in "：；，、）"]
        breaks += [i for i, ch in enumerate(head) if ch == "（" and i > 0]
        cut = max(breaks) if breaks and max(breaks) >= 2 else width
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest else lines


def _configured(chart: alt.Chart, title: str, subtitle: list[str]) -> alt.Chart:
    return chart.properties(
        width=WIDTH,
        title=alt.TitleParams(
            text=wrap(title, TITLE_CHARS),
            subtitle=[line for s in subtitle for line in wrap(s, SUBTITLE_CHARS)] or None,
            anchor="start",
            fontSize=16,
            fontWeight="bold",
            subtitleFontSize=13,
            subtitleColor="#5f6b78",
            offset=10,
        ),
    )


def _qualifier_note(qualifiers) -> list[str]:
    lines = []
    if "at_least" in set(qualifiers):
        lines.append("≥：原文写作“多/余”，实际不少于该数")
    if "approx" in set(qualifiers):
        lines.append("≈：原文写作“近/约”，为约数")
    return lines


def comparable_bars(
    rows: pd.DataFrame,
    metric: Metric,
    not_reported: list[str],
    chart_id: str,
    highlight: str | None = None,
    extra_note: str = "",
) -> Chart:
    """One comparable metric across the regions that reported it.

    ``rows`` are that metric's figures (one per region). ``highlight`` is a region name to
    draw in the accent colour (the others muted), used on region pages.
    """
    data = rows.sort_values(
        ["value", "region_order"], ascending=[False, True], kind="stable"
    ).copy()
    reported = len(data)
    if reported > MAX_BARS:
        keep = data.head(MAX_BARS)
        if highlight is not None and highlight not in set(keep["region_name"]):
            keep = data[data["region_name"].isin([*keep["region_name"][: MAX_BARS - 1], highlight])]
        data = keep.copy()
    data["label"] = [
        wording.short(v, q, u)
        for v, q, u in zip(data["value"], data["qualifier"], data["unit"], strict=True)
    ]
    data["worded"] = [
        wording.say(v, q, u, e)
        for v, q, u, e in zip(
            data["value"], data["qualifier"], data["unit"], data["evidence"], strict=True
        )
    ]
    data["colour"] = [
        ACCENT if highlight in (None, name) else MUTED for name in data["region_name"]
    ]
    names, worded = list(data["region_name"]), list(data["worded"])
    values = list(data["value"])
    if len(values) > 1 and values[0] == values[1]:
        tied = [n for n, v in zip(names, values, strict=True) if v == values[0]]
        title = f"{metric.name}：{wording.join_names(tied)}相当"
    else:
        title = f"{metric.name}：{names[0]}最多（{worded[0]}）"
    subtitle = _qualifier_note(data["qualifier"])
    if reported > len(data):
        subtitle.append(f"共 {reported} 个地区报告此项，图中为数值最大的 {len(data)} 个")
    if len(not_reported) > MAX_NAMED:
        subtitle.append(f"另有 {len(not_reported)} 个地区未报告")
    elif not_reported:
        subtitle.append("未报告：" + "、".join(not_reported))
    if extra_note:
        subtitle.append(extra_note)
    drawn = data[["region_name", "value", "label", "worded", "evidence", "colour"]]

    def make() -> alt.TopLevelMixin:
        top = float(data["value"].max())
        base = alt.Chart(
            data[["region_name", "value", "label", "worded", "evidence", "colour"]]
        ).encode(
            y=alt.Y("region_name:N", sort=names, title=None),
            x=alt.X("value:Q", axis=None, scale=alt.Scale(domain=[0, top * 1.4], nice=False)),
            tooltip=[
                alt.Tooltip("region_name:N", title="地区"),
                alt.Tooltip("worded:N", title=metric.name),
                alt.Tooltip("evidence:N", title="原文摘句"),
            ],
        )
        bars = base.mark_bar(height=BAR_HEIGHT - 10, cornerRadiusEnd=2).encode(
            color=alt.Color("colour:N", scale=None)
        )
        labels = base.mark_text(
            align="left", baseline="middle", dx=5, fontSize=14, color="#222"
        ).encode(text="label:N")
        return _configured(
            (bars + labels).properties(height=BAR_HEIGHT * len(data)), title, subtitle
        )

    description = "，".join(f"{n} {w}" for n, w in zip(names, worded, strict=True))
    if reported > len(data):
        description += f"（共 {reported} 个地区报告，此处列出 {len(data)} 个）"
    if len(not_reported) > MAX_NAMED:
        description += f"；另有 {len(not_reported)} 个地区未报告"
    elif not_reported:
        description += f"；{'、'.join(not_reported)}未报告"
    description = f"{metric.name}（{metric.unit}）：{description}。"
    cols = [
        "year",
        "region_id",
        "region_name",
        "metric_id",
        "metric_name",
        "value",
        "unit",
        "qualifier",
        "evidence",
        "source_id",
    ]
    inputs = {
        "kind": "comparable",
        "title": title,
        "subtitle": subtitle,
        "metric": metric.name,
        "rows": drawn.to_dict("records"),
    }
    return Chart(
        chart_id, "comparable", title, description, data[cols].reset_index(drop=True), make, inputs
    )


def category_counts(counts: pd.Series, region_name: str, chart_id: str) -> Chart:
    """How many figures a region reported in each category (a count, so units never mix).

    ``counts`` is the region's row of ``aggregate.region_category_counts``.
    """
    data = pd.DataFrame({"category": counts.index, "figure_count": counts.to_numpy()})
    data["label"] = [f"{n} 项" for n in data["figure_count"]]
    data = data.sort_values("figure_count", ascending=False, kind="stable").reset_index(drop=True)
    total = int(data["figure_count"].sum())
    top = data.iloc[0]
    leaders = list(data.loc[data["figure_count"] == top["figure_count"], "category"])
    if len(leaders) <= 2:
        title = f"{region_name}的 {total} 个数字：{'、'.join(leaders)}类最多"
    else:
        title = f"{region_name}的 {total} 个数字分属 {int((data['figure_count'] > 0).sum())} 个类别"
    subtitle = ["按报告了几个数字计；各数字单位不同，不相加"]

    def make() -> alt.TopLevelMixin:
        base = alt.Chart(data).encode(
            y=alt.Y("category:N", sort=list(data["category"]), title=None),
            x=alt.X(
                "figure_count:Q",
                axis=None,
                scale=alt.Scale(domain=[0, max(1, int(top["figure_count"])) * 1.3], nice=False),
            ),
            tooltip=[
                alt.Tooltip("category:N", title="类别"),
                alt.Tooltip("label:N", title="数字个数"),
            ],
        )
        bars = base.mark_bar(height=BAR_HEIGHT - 10, cornerRadiusEnd=2, color=ACCENT)
        labels = base.mark_text(
            align="left", baseline="middle", dx=5, fontSize=14, color="#222"
        ).encode(text="label:N")
        return _configured(
            (bars + labels).properties(height=BAR_HEIGHT * len(data)), title, subtitle
        )

    description = (
        f"{region_name}共报告 {total} 个数字，"
        + "，".join(
            f"{c} {n} 项" for c, n in zip(data["category"], data["figure_count"], strict=True)
        )
        + "。"
    )
    out = data[["category", "figure_count"]].copy()
    inputs = {
        "kind": "categories",
        "title": title,
        "subtitle": subtitle,
        "rows": data.to_dict("records"),
    }
    return Chart(chart_id, "categories", title, description, out, make, inputs)
