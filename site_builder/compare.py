"""What may honestly be said when figures are compared.

A figure is a range, not a point: "10多" is at least 10 and could be anything above, "近800"
is somewhere near 800. An order ("最多", "多于") is stated only when it holds for every
reading the qualifiers allow: "≥10" against "10" is neither more, less nor the same, and two
"≈" figures are ordered only when their gap is far beyond rounding. Every comparison is of
all county-level units, and says how many of them had a figure at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# How far a "近/约" figure may be from its stated value. Deliberately wide: an order between
# approximate figures must hold far beyond rounding.
APPROX_MARGIN = 0.2

# The status of one unit in a comparison (the ``status`` column of every chart CSV).
STATUS_WORDS = {
    "reported": "有数字",
    "not_reported": "未报告",  # a source covers the unit, but not this metric
    "no_data": "暂无数据",  # no source covers the unit
}
# A unit that reported only a count this metric is part of (a metric's ``related`` one, e.g.
# 三元区's combined 微协商、微调研… count): status not_reported, with a note saying what it did
# report; every word a reader sees says so, not a bare 未报告.
APART = "未单独报告"
# The words a reader sees for the units without a figure, in this order.
ABSENT_WORDS = (STATUS_WORDS["not_reported"], APART, STATUS_WORDS["no_data"])


def status_word(status: str, note: str = "") -> str:
    """How a unit's status reads: 有数字, 未报告, 未单独报告 (not reported apart: ``note``
    says what it reported instead) or 暂无数据. A unit without a figure has a note only when
    ``aggregate.metric_across_units`` writes what it reported instead (there is no figure
    for an editor's note to sit on), so a note is what marks it."""
    return APART if status == "not_reported" and note else STATUS_WORDS[status]


STATUS_MEANING = {
    "reported": "来源给出了这个数字",
    "not_reported": "有来源记述了这个单位，但没有给出这项数字（不等于零）",
    "no_data": "还没有任何来源记述这个单位（不等于零）",
}


@dataclass(frozen=True)
class Bounds:
    low: float
    high: float


def bounds(value: float, qualifier: str) -> Bounds:
    """Every value the figure may stand for."""
    if qualifier == "at_least":
        return Bounds(value, math.inf)
    if qualifier == "approx":
        return Bounds(value * (1 - APPROX_MARGIN), value * (1 + APPROX_MARGIN))
    return Bounds(value, value)


def surely_more(a: tuple[float, str], b: tuple[float, str]) -> bool:
    """True when figure ``a`` is larger than ``b`` under every reading of both."""
    return bounds(*a).low > bounds(*b).high


def leader(figures: dict[str, tuple[float, str]]) -> str | None:
    """The key whose figure is surely larger than every other, if there is one."""
    if len(figures) < 2:
        return None
    for key, fig in figures.items():
        if all(surely_more(fig, other) for k, other in figures.items() if k != key):
            return key
    return None


def coverage_words(words: list[str]) -> str:
    """ "11 个县级单位中 3 个有数字，1 个未报告，1 个未单独报告，6 个暂无数据": ``words`` has
    every unit's ``status_word``."""
    order = (STATUS_WORDS["reported"], *ABSENT_WORDS)
    parts = [f"{words.count(w)} 个{w}" for w in order if w in words]
    return f"{len(words)} 个县级单位中 " + "，".join(parts)


@dataclass(frozen=True)
class Point:
    """One year of one region's metric: a figure, or the reason there is none."""

    year: int
    status: str  # reported | not_reported | no_data
    value: float = math.nan
    qualifier: str = ""
    worded: str = ""  # the figure in words with its qualifier ("至少 10 场次")
    source_id: str = ""
    unit: str = ""  # as the source wrote it: 场 and 场次 are not subtracted from each other
    evidence: str = ""
    note: str = ""


def change_words(a: Point, b: Point) -> str:
    """How a metric moved from year ``a`` to year ``b``, worded by the qualifiers.

    "9 场 → 12 场（+3）" only between exact figures in the same unit; "至少 10 场次 → 12
    场次" and "12 场次 → 15 场" compute no difference; a year without a figure is named as
    such, never a 0.
    """
    left = a.worded if a.status == "reported" else STATUS_WORDS[a.status]
    right = b.worded if b.status == "reported" else STATUS_WORDS[b.status]
    text = f"{a.year} 年 {left} → {b.year} 年 {right}"
    same = a.qualifier == b.qualifier == "exact" and a.unit == b.unit
    if a.status == b.status == "reported" and same:
        diff = b.value - a.value
        shown = f"{diff:+g}" if diff else "持平"
        text += f"（{shown}）"
    return text
