"""Which charts the site has, page by page, edition by edition.

Every edition (a year) has its own charts, with the year in their ids and paths, drawn only
from that year's data: adding a later year changes none of them.

- Overview: the tile map of the 11 units (which have data: the home page's Open Graph
  image, fair on its own because it ranks nothing); for each comparable metric a bar chart
  of all 11 units and a small tile map of the same.
- Region page: a locator on the tile map (its Open Graph image), then its position on each
  comparable metric, reported or not, among all 11 units.
- Timeline region page: for each metric the region reported in more than one year, its
  values by year (see ``changes``).

Kept apart from rendering so the downloads (the data behind every chart) can be produced
by ``export`` without drawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import aggregate, charts, compare, specs, wording
from .model import Dataset, Metric

# The overview's small maps stand two to a row from a tablet's width up (site.css, .chart-grid)
MAPS_PER_ROW = 2


def locator_id(year: int, region_id: str) -> str:
    """The id of a unit's locator map in an edition (its page, CSV and embed name)."""
    return f"{year}-{region_id}-map"


class _Edition:
    """One edition's lookups, computed once: each comparable metric across all units."""

    def __init__(self, ds: Dataset, df: pd.DataFrame, year: int):
        self.ds = ds
        self.year = year
        self.df = df
        self.rows = df[df["year"] == self.year]
        self.comparable = [m for m in ds.metrics if m.comparable and self._reported(m)]
        self.units = {
            m.id: aggregate.metric_across_units(df, ds, self.year, m) for m in self.comparable
        }
        self.covered = ds.covered(self.year)
        self.source_titles = {s.id: s.title for s in ds.sources_of(self.year)}
        self.mapped = all(r.tile is not None for r in ds.regions)

    def _reported(self, metric: Metric) -> bool:
        return bool((self.rows["metric_id"] == metric.id).any())

    def _related_units(self, metric: Metric) -> list[str]:
        """Names of the units that reported only a related, differently defined metric."""
        if not metric.related:
            return []
        reporting = set(self.rows.loc[self.rows["metric_id"] == metric.id, "region_id"])
        instead = self.rows[
            (self.rows["metric_id"] == metric.related) & ~self.rows["region_id"].isin(reporting)
        ]
        return list(instead["region_name"])

    def _related_note(self, metric: Metric) -> str:
        """Units that reported only a related, differently defined metric, named."""
        names = "、".join(self._related_units(metric))
        if not names:
            return ""
        related = self.ds.metric_by_id[metric.related]
        return f"{names}没有单独的{metric.name}数字，只报告了“{related.name}”，不参与比较"

    def _tiles(self, style: dict[str, str], status: dict[str, str], href: dict[str, str]):
        return _tiles(self.ds, style, status, href)

    def coverage_map(self) -> charts.Chart:
        ids = [r.id for r in self.ds.regions]
        with_data = [i for i in ids if i in self.covered]
        style = {i: "accent" if i in self.covered else "no_data" for i in ids}
        status = {i: "有数据" if i in self.covered else "暂无数据" for i in ids}
        href = {i: f"{i}/" for i in ids}
        title = f"三明市 {len(ids)} 个县级单位：{len(with_data)} 个有 {self.year} 年数据"
        return charts.tile_map(
            self._tiles(style, status, href), f"{self.year}-map", title, [charts.MAP_NOTE]
        )

    def metric_maps(self) -> list[charts.Chart]:
        """The small map of every comparable metric. Where they sit two to a row (tablet and
        desktop), each makes room for as many title and subtitle lines as the taller of its
        row, so that the row's tiles line up; a map alone in its row makes none."""
        words = [self._metric_map_words(m) for m in self.comparable]
        counts = [[len(lines) for lines in specs.title_lines(*w)] for w in words]
        most = []
        for start in range(0, len(counts), MAPS_PER_ROW):
            row = counts[start : start + MAPS_PER_ROW]
            most += [(max(c[0] for c in row), max(c[1] for c in row))] * len(row)
        return [
            self.metric_map(m, *w, lines)
            for m, w, lines in zip(self.comparable, words, most, strict=True)
        ]

    def _metric_map_words(self, metric: Metric) -> tuple[str, list[str]]:
        """A small map's title and subtitle. Its caveat and the units that reported only a
        related count are said in short (the comparison above says them in full, and so do
        the map's text alternative and CSV): small maps side by side line up, and a long
        note on one would leave a hole above the other's title."""
        units = self.units[metric.id]
        title = f"{metric.name}：{compare.coverage_words(list(units['shown_status']))}"
        subtitle = [charts.MAP_NOTE]
        reported = units.loc[units["status"] == "reported", "qualifier"]
        subtitle += charts.qualifier_notes(reported, bars=False)  # ≥ and ≈ on the tiles
        if metric.caveat:
            subtitle.append("各地计数方法可能不同，不排先后（详见本图的文字说明）")
        names = "、".join(self._related_units(metric))
        if names:
            subtitle.append(f"{names}只有包含{metric.name}的合计数，不参与比较")
        return title, subtitle

    def _map_notes(self, metric: Metric) -> list[str]:
        """What a small map's text alternative says besides its tiles, in full."""
        return [n for n in (metric.caveat, self._related_note(metric)) if n]

    def metric_map(
        self, metric: Metric, title: str, subtitle: list[str], min_lines: tuple[int, int]
    ) -> charts.Chart:
        units = self.units[metric.id].set_index("region_id")
        style = dict(units["status"])
        rows = dict(zip(units.index, charts.records(units), strict=True))
        status = {
            rid: wording.short(row["value"], row["qualifier"], row["unit"])
            if row["status"] == "reported"
            else row["shown_status"]
            for rid, row in rows.items()
        }
        # the text alternative says a figure in words (至少 90 场次), as the bars' does
        spoken = {
            rid: wording.say(row["value"], row["qualifier"], row["unit"], row["evidence"])
            for rid, row in rows.items()
            if row["status"] == "reported"
        }
        tiles = self._tiles(style, status, {})
        tiles["spoken"] = [
            spoken.get(rid, label)
            for rid, label in zip(tiles["region_id"], tiles["label"], strict=True)
        ]
        chart = charts.tile_map(
            tiles,
            f"{self.year}-map-{metric.id}",
            title,
            subtitle,
            caveat=metric.caveat,
            min_lines=min_lines,
            notes=self._map_notes(metric),
        )
        # the same comparison as the bars: one CSV for both, with status, value and source
        chart.data_id = f"{self.year}-{metric.id}"
        return chart

    def locator(self, region_id: str) -> charts.Chart:
        """The region's tile highlighted: filled when it has data, dashed when it has none
        (as on the overview's map), so the highlight never reads as "has data"."""
        region = self.ds.region_by_id[region_id]
        covered = region_id in self.covered
        here = "accent" if covered else "here_no_data"
        style = {r.id: here if r.id == region_id else "other" for r in self.ds.regions}
        status = {region_id: "有数据" if covered else "暂无数据"}
        title = f"{region.name}在三明市的位置"
        return charts.tile_map(
            self._tiles(style, status, {}),
            locator_id(self.year, region_id),
            title,
            [charts.MAP_NOTE],
            where=f"{region.name}（{status[region_id]}）在示意图的{self._direction(region)}",
        )

    def _direction(self, region) -> str:
        """Where a tile sits on the schematic map, in words (西北部, 中部, 东南部 …)."""
        cols = [r.tile[0] for r in self.ds.regions]
        rows = [r.tile[1] for r in self.ds.regions]

        def third(value: int, low: int, high: int, words: tuple[str, str]) -> str:
            share = (value - low) / (high - low) if high > low else 0.5
            return words[0] if share < 1 / 3 else words[1] if share > 2 / 3 else ""

        ns = third(region.tile[1], min(rows), max(rows), ("北", "南"))
        ew = third(region.tile[0], min(cols), max(cols), ("西", "东"))
        return f"{ew}{ns}部" if (ns or ew) else "中部"

    def comparison(self, metric: Metric, chart_id: str, highlight: str | None = None):
        chart = charts.comparison(
            metric,
            self.units[metric.id],
            chart_id,
            highlight=highlight,
            extra_note=self._related_note(metric),
            source_titles=self.source_titles,
        )
        if highlight is not None:  # the same rows as the overview's chart: one CSV for both
            chart.data_id = f"{self.year}-{metric.id}"
        return chart

    def overview(self) -> list[charts.Chart]:
        out = [self.coverage_map()] if self.mapped else []
        for m in self.comparable:
            out.append(self.comparison(m, f"{self.year}-{m.id}"))
        if self.mapped:
            out += self.metric_maps()
        return out

    def region(self, region_id: str) -> list[charts.Chart]:
        """The locator first (the page's Open Graph image), then every comparable metric."""
        region = self.ds.region_by_id[region_id]
        out = [self.locator(region_id)] if self.mapped else []
        if region_id in self.covered:
            out += [
                self.comparison(m, f"{self.year}-{region_id}-{m.id}", highlight=region.name)
                for m in self.comparable
            ]
        return out


def edition_charts(ds: Dataset, df: pd.DataFrame, year: int) -> dict[str, list[charts.Chart]]:
    """One edition's charts keyed by page: "index" or a region id (all 11 units)."""
    edition = _Edition(ds, df, year)
    pages = {"index": edition.overview()}
    for region in ds.regions:
        pages[region.id] = edition.region(region.id)
    year_sources = tuple(sorted(s.id for s in ds.sources_of(year)))
    every = [c for cs in pages.values() for c in cs]
    for chart in every:
        if "source_id" in chart.data.columns:  # the sources of the figures drawn
            chart.sources = tuple(sorted(set(chart.data["source_id"]) - {""}))
    drawn_from = {c.id: c.sources for c in every if "source_id" in c.data.columns}
    # a locator: the sources that cover its unit (none: the map is only ours, a schematic)
    locators = {
        locator_id(year, r.id): tuple(sorted(s.id for s in ds.sources_of(year) if r.id in s.covers))
        for r in ds.regions
    }
    for chart in every:
        if "source_id" not in chart.data.columns:
            # a metric's map shows the comparison's figures; the other maps, which units
            # the year's sources cover
            chart.sources = locators.get(chart.id, drawn_from.get(chart.data_id, year_sources))
    return pages


def figure_point(row, year: int) -> compare.Point:
    """One year's figure (a row of the figures frame, or of ``metric_across_units`` with its
    status) as a ``compare.Point``: worded with its qualifier, its clause, note and source."""
    if row.get("status", "reported") != "reported":
        return compare.Point(year, row["status"])
    return compare.Point(
        year,
        "reported",
        row["value"],
        row["qualifier"],
        wording.say(row["value"], row["qualifier"], row["unit"], row["evidence"]),
        row["source_id"],
        row["unit"],
        row["evidence"],
        row["note"],
    )


def region_points(ds: Dataset, df: pd.DataFrame, region_id: str, metric_id: str) -> list:
    """The region's metric in every year from its first figure to its last (gaps included)."""
    rows = df[(df["region_id"] == region_id) & (df["metric_id"] == metric_id)].set_index("year")
    first, last = min(rows.index), max(rows.index)
    points = []
    for year in (y for y in ds.years if first <= y <= last):
        if year in rows.index:
            points.append(figure_point(rows.loc[year], year))
        else:
            status = "not_reported" if region_id in ds.covered(year) else "no_data"
            points.append(compare.Point(year, status))
    return points


def _tiles(ds: Dataset, style: dict[str, str], status: dict[str, str], href: dict[str, str]):
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
            for r in ds.regions
        ]
    )


def newest_map(ds: Dataset) -> charts.Chart | None:
    """The home page's map when some unit's newest figures are older than the latest
    edition: each unit with the year its page shows, so that a unit the latest sources do
    not cover is not shown as having no data at all. None when the latest edition's own map
    says the same (every unit with figures has them in the latest year)."""
    latest = ds.latest_year
    newest = {r.id: ds.latest_report(r.id) for r in ds.regions}
    older = [rid for rid, rep in newest.items() if rep is not None and rep.year < latest]
    if not older or not all(r.tile is not None for r in ds.regions):
        return None
    style, status = {}, {}
    for rid, rep in newest.items():
        style[rid] = "no_data" if rep is None else "accent" if rep.year == latest else "older"
        status[rid] = "暂无数据" if rep is None else f"{rep.year} 年数据"
    n_latest = sum(1 for rep in newest.values() if rep is not None and rep.year == latest)
    title = (
        f"三明市 {len(ds.regions)} 个县级单位：{n_latest} 个有 {latest} 年数据，"
        f"{len(older)} 个最新的数据是更早年份的"
    )
    chart = charts.tile_map(
        _tiles(ds, style, status, {r.id: f"{r.id}/" for r in ds.regions}),
        "newest-map",
        title,
        [charts.MAP_NOTE, "每个方块写着该单位页面上的数字出自哪一年"],
    )
    # which year each unit has figures for comes from the sources that cover it that year
    chart.sources = tuple(
        sorted(
            {
                s.id
                for rid, rep in newest.items()
                if rep is not None
                for s in ds.sources_of(rep.year)
                if rid in s.covers
            }
        )
    )
    return chart


def timeline_charts(ds: Dataset, df: pd.DataFrame) -> dict[str, list[charts.Chart]]:
    """For each region, one chart per metric it reported in more than one year.

    A metric id has one definition and unit (a changed definition is a new metric), so the
    same (region, metric) is comparable across years.
    """
    out = {}
    for region in ds.regions:
        rows = df[df["region_id"] == region.id]
        out[region.id] = []
        for mid, group in rows.groupby("metric_id", sort=False):
            if group["year"].nunique() < 2:
                continue
            points = region_points(ds, df, region.id, mid)
            sources = tuple(sorted({p.source_id for p in points if p.source_id}))
            chart = charts.change_over_years(
                region,
                ds.metric_by_id[mid],
                points,
                f"change-{region.id}-{mid}",
                {sid: ds.sources[sid].title for sid in sources} if len(sources) > 1 else {},
            )
            chart.sources = sources
            out[region.id].append(chart)
    home = newest_map(ds)
    if home is not None:  # "index" is the home page ("index" is never a region id)
        out["index"] = [home]
    return out


@dataclass
class Plan:
    """Every chart of the site: per edition (year -> page -> charts) and the timelines."""

    editions: dict[int, dict[str, list[charts.Chart]]]
    timeline: dict[str, list[charts.Chart]]

    def all(self) -> list[charts.Chart]:
        out = [c for pages in self.editions.values() for cs in pages.values() for c in cs]
        return out + [c for cs in self.timeline.values() for c in cs]

    def csv_charts(self) -> dict[str, charts.Chart]:
        """``charts/<csv_id>.csv`` -> the chart that writes it: the first drawn from it (a
        region page's comparison shares the overview's rows and file)."""
        owners: dict[str, charts.Chart] = {}
        for c in self.all():
            owners.setdefault(f"charts/{c.csv_id}.csv", c)
        return owners


def plan_site(ds: Dataset, df: pd.DataFrame) -> Plan:
    return Plan(
        editions={year: edition_charts(ds, df, year) for year in ds.years},
        timeline=timeline_charts(ds, df),
    )
