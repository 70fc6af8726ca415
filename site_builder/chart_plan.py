"""Which charts the site has: one per comparable metric on the overview, and on each region
page one chart of its figures by category plus its position on each comparable metric.

Kept apart from rendering so the downloads (the data behind every chart) can be produced
by ``export`` without drawing anything.
"""

from __future__ import annotations

import pandas as pd

from . import charts
from .model import Dataset


def latest_year(ds: Dataset) -> int:
    return max(ds.years)


def _comparable(ds: Dataset, df: pd.DataFrame, year: int, metric, chart_id: str, highlight=None):
    rows = df[(df["year"] == year) & (df["metric_id"] == metric.id)]
    if rows.empty:
        return None
    reporting = set(rows["region_id"])
    with_data = [r for r in ds.regions if ds.report(year, r.id)]
    not_reported = [r.name for r in with_data if r.id not in reporting]
    note = ""
    if metric.related:
        related = ds.metric_by_id[metric.related]
        instead = df[
            (df["year"] == year)
            & (df["metric_id"] == related.id)
            & ~df["region_id"].isin(reporting)
        ]
        if len(instead):
            names = "、".join(instead["region_name"])
            note = f"{names}只报告了“{related.name}”，口径不同，未画入"
    return charts.comparable_bars(
        rows, metric, not_reported, chart_id, highlight=highlight, extra_note=note
    )


def overview_charts(ds: Dataset, df: pd.DataFrame) -> list[charts.Chart]:
    year = latest_year(ds)
    out = [_comparable(ds, df, year, m, f"overview-{m.id}") for m in ds.metrics if m.comparable]
    return [c for c in out if c is not None]


def region_charts(ds: Dataset, df: pd.DataFrame, region_id: str) -> list[charts.Chart]:
    """The category chart first (the page's main chart), then comparable-metric positions."""
    year = latest_year(ds)
    region = ds.region_by_id[region_id]
    rows = df[(df["year"] == year) & (df["region_id"] == region_id)]
    out = [
        charts.category_counts(
            rows, region.name, [c.name for c in ds.categories], f"{region_id}-categories"
        )
    ]
    for m in ds.metrics:
        if m.comparable and m.id in set(rows["metric_id"]):
            out.append(_comparable(ds, df, year, m, f"{region_id}-{m.id}", highlight=region.name))
    return out


def all_charts(ds: Dataset, df: pd.DataFrame) -> dict[str, list[charts.Chart]]:
    """Charts keyed by the page they sit on ("index" or a region id)."""
    year = latest_year(ds)
    plan = {"index": overview_charts(ds, df)}
    for region in ds.regions:
        if ds.report(year, region.id):
            plan[region.id] = region_charts(ds, df, region.id)
    return plan
