"""Which charts the site has: one per comparable metric on the overview, and on each region
page one chart of its figures by category plus its position on each comparable metric.

Kept apart from rendering so the downloads (the data behind every chart) can be produced
by ``export`` without drawing anything.
"""

from __future__ import annotations

import pandas as pd

from . import aggregate, charts
from .model import Dataset


def latest_year(ds: Dataset) -> int:
    return max(ds.years)


class _Plan:
    """Per-build lookups, computed once: rows by metric and by region, regions with data."""

    def __init__(self, ds: Dataset, df: pd.DataFrame):
        self.ds = ds
        self.year = latest_year(ds)
        rows = df[df["year"] == self.year]
        self.by_metric = {k: g for k, g in rows.groupby("metric_id", sort=False)}
        self.by_region = {k: g for k, g in rows.groupby("region_id", sort=False)}
        self.with_data = [r for r in ds.regions if ds.report(self.year, r.id)]
        self.category_counts = aggregate.region_category_counts(rows, ds)

    def comparable(self, metric, chart_id: str, highlight=None):
        rows = self.by_metric.get(metric.id)
        if rows is None or rows.empty:
            return None
        reporting = set(rows["region_id"])
        not_reported = [r.name for r in self.with_data if r.id not in reporting]
        note = ""
        if metric.related:
            related = self.ds.metric_by_id[metric.related]
            instead = self.by_metric.get(related.id)
            if instead is not None:
                instead = instead[~instead["region_id"].isin(reporting)]
                if len(instead):
                    names = "、".join(instead["region_name"])
                    note = f"{names}只报告了“{related.name}”，口径不同，未画入"
        return charts.comparable_bars(
            rows, metric, not_reported, chart_id, highlight=highlight, extra_note=note
        )

    def overview(self) -> list[charts.Chart]:
        out = [self.comparable(m, f"overview-{m.id}") for m in self.ds.metrics if m.comparable]
        return [c for c in out if c is not None]

    def region(self, region_id: str) -> list[charts.Chart]:
        """The category chart first (the page's main chart), then comparable-metric positions."""
        region = self.ds.region_by_id[region_id]
        rows = self.by_region[region_id]
        counts = self.category_counts.loc[region.name]
        out = [charts.category_counts(counts, region.name, f"{region_id}-categories")]
        reported = set(rows["metric_id"])
        for m in self.ds.metrics:
            if m.comparable and m.id in reported:
                out.append(self.comparable(m, f"{region_id}-{m.id}", highlight=region.name))
        return out


def all_charts(ds: Dataset, df: pd.DataFrame) -> dict[str, list[charts.Chart]]:
    """Charts keyed by the page they sit on ("index" or a region id)."""
    plan = _Plan(ds, df)
    pages = {"index": plan.overview()}
    for region in plan.with_data:
        pages[region.id] = plan.region(region.id)
    return pages
