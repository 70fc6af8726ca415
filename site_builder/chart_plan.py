"""Which charts the site has, page by page.

- Overview: the tile map of the 11 units (which have data: the home page's Open Graph
  image, fair on its own because it ranks nothing); for each comparable metric a bar chart
  of all 11 units and a small tile map of the same.
- Region page: a locator on the tile map (its Open Graph image), then its position on each
  comparable metric, reported or not, among all 11 units.

Kept apart from rendering so the downloads (the data behind every chart) can be produced
by ``export`` without drawing anything.
"""

from __future__ import annotations

import pandas as pd

from . import aggregate, charts, compare, wording
from .model import Dataset, Metric


def latest_year(ds: Dataset) -> int:
    return max(ds.years)


class _Plan:
    """Per-build lookups, computed once: each comparable metric across all units."""

    def __init__(self, ds: Dataset, df: pd.DataFrame):
        self.ds = ds
        self.year = latest_year(ds)
        self.df = df
        self.rows = df[df["year"] == self.year]
        self.comparable = [m for m in ds.metrics if m.comparable and self._reported(m)]
        self.units = {
            m.id: aggregate.metric_across_units(df, ds, self.year, m) for m in self.comparable
        }
        self.covered = ds.covered(self.year)
        self.mapped = all(r.tile is not None for r in ds.regions)

    def _reported(self, metric: Metric) -> bool:
        return bool((self.rows["metric_id"] == metric.id).any())

    def _related_note(self, metric: Metric) -> str:
        """Units that reported only a related, differently defined metric, named."""
        if not metric.related:
            return ""
        related = self.ds.metric_by_id[metric.related]
        reporting = set(self.rows.loc[self.rows["metric_id"] == metric.id, "region_id"])
        instead = self.rows[
            (self.rows["metric_id"] == related.id) & ~self.rows["region_id"].isin(reporting)
        ]
        if instead.empty:
            return ""
        names = "、".join(instead["region_name"])
        return f"{names}只报告了“{related.name}”，口径不同，未画入"

    def _tiles(self, style: dict[str, str], status: dict[str, str], href: dict[str, str]):
        return pd.DataFrame(
            [
                {
                    "region_id": r.id,
                    "region_name": r.name,
                    "col": r.tile[0],
                    "row": r.tile[1],
                    "style": style[r.id],
                    "label": status.get(r.id, ""),
                    "href": href.get(r.id, ""),
                }
                for r in self.ds.regions
            ]
        )

    def coverage_map(self) -> charts.Chart:
        ids = [r.id for r in self.ds.regions]
        with_data = [i for i in ids if i in self.covered]
        style = {i: "accent" if i in self.covered else "no_data" for i in ids}
        status = {i: "有数据" if i in self.covered else "暂无数据" for i in ids}
        href = {i: f"{i}/" for i in ids}
        title = f"三明市 {len(ids)} 个县级单位：{len(with_data)} 个有 {self.year} 年数据"
        return charts.tile_map(
            self._tiles(style, status, href), "overview-map", title, [charts.MAP_NOTE]
        )

    def metric_map(self, metric: Metric) -> charts.Chart:
        units = self.units[metric.id].set_index("region_id")
        style = dict(units["status"])
        status = {
            rid: wording.short(row.value, row.qualifier, row.unit)
            if row.status == "reported"
            else compare.STATUS_WORDS[row.status]
            for rid, row in units.iterrows()
        }
        counts = units["status"].value_counts().to_dict()
        title = f"{metric.name}：{compare.coverage_words(counts, len(units))}"
        subtitle = [charts.MAP_NOTE]
        if metric.caveat:
            subtitle.append(metric.caveat)
        return charts.tile_map(self._tiles(style, status, {}), f"map-{metric.id}", title, subtitle)

    def locator(self, region_id: str) -> charts.Chart:
        region = self.ds.region_by_id[region_id]
        style = {r.id: "accent" if r.id == region_id else "other" for r in self.ds.regions}
        status = {region_id: "本页" if region_id in self.covered else "暂无数据"}
        title = f"{region.name}在三明市的位置"
        return charts.tile_map(
            self._tiles(style, status, {}), f"{region_id}-map", title, [charts.MAP_NOTE]
        )

    def comparison(self, metric: Metric, chart_id: str, highlight: str | None = None):
        return charts.comparison(
            metric,
            self.units[metric.id],
            chart_id,
            highlight=highlight,
            extra_note=self._related_note(metric),
        )

    def overview(self) -> list[charts.Chart]:
        out = [self.coverage_map()] if self.mapped else []
        for m in self.comparable:
            out.append(self.comparison(m, f"overview-{m.id}"))
        if self.mapped:
            out += [self.metric_map(m) for m in self.comparable]
        return out

    def region(self, region_id: str) -> list[charts.Chart]:
        """The locator first (the page's Open Graph image), then every comparable metric."""
        region = self.ds.region_by_id[region_id]
        out = [self.locator(region_id)] if self.mapped else []
        if region_id in self.covered:
            out += [
                self.comparison(m, f"{region_id}-{m.id}", highlight=region.name)
                for m in self.comparable
            ]
        return out


def all_charts(ds: Dataset, df: pd.DataFrame) -> dict[str, list[charts.Chart]]:
    """Charts keyed by the page they sit on ("index" or a region id, all 11 units)."""
    plan = _Plan(ds, df)
    pages = {"index": plan.overview()}
    for region in ds.regions:
        pages[region.id] = plan.region(region.id)
    return pages
