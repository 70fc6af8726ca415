"""Typed records for the curated data: what ``validate`` produces and everything else reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# The kinds of firsts and honours an item may be; a small fixed set keeps them groupable.
HONOUR_KINDS = ("首创", "首家", "首个", "典型案例", "交流推广", "获肯定", "荣誉称号", "刊发")


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    kind: str
    order: int
    tile: tuple[int, int] | None = None  # (column, row) on the schematic tile map, north up


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    category: str
    unit: str
    definition: str
    comparable: bool
    unit_aliases: tuple[str, ...] = ()
    related: str = ""  # a non-comparable metric some regions reported instead
    caveat: str = ""  # shown with every comparison of this metric (chart, text, CSV)


@dataclass(frozen=True)
class Figure:
    year: int
    region_id: str
    metric_id: str
    value: float | int
    unit: str
    qualifier: str
    evidence: str
    note: str = ""
    source_id: str = ""  # the document the evidence clause is quoted from


@dataclass(frozen=True)
class Highlight:
    """A highlight told in our own words; ``evidence`` are the verbatim clauses it rests on."""

    title: str
    text: str
    figure_ids: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    source_id: str = ""


@dataclass(frozen=True)
class Honour:
    """A first, award or recognition; ``holder`` names the body the source credits with it
    when that is not the region's CPPCC itself (e.g. a service the CPPCC 推动)."""

    kind: str
    text: str
    evidence: tuple[str, ...]
    source_id: str = ""
    holder: str = ""


@dataclass(frozen=True)
class RegionYear:
    """One region's curated file for one year."""

    year: int
    region_id: str
    source_id: str  # the file's source; figures, highlights and honours may name another
    summary: str
    figures: tuple[Figure, ...]
    key_figures: tuple[str, ...]  # metric ids shown as cards, in order
    highlights: tuple[Highlight, ...]
    honours: tuple[Honour, ...]


@dataclass(frozen=True)
class Source:
    """A document figures are quoted from (``data/<year>/sources/<id>.yaml`` + ``.txt``).

    Only its metadata is here: the text stays in ``data/`` for ``check`` and is never
    published. Unknown metadata is "" and shown as "未知".
    """

    id: str
    year: int
    title: str
    covers: tuple[str, ...]  # region ids the document reports on: 未报告 vs 暂无数据
    byline: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    language: str = ""


@dataclass(frozen=True)
class Change:
    """One entry of the 更新记录 (``data/changelog.yaml``): a dated change to an edition."""

    date: str  # YYYY-MM-DD
    edition: int
    what: str
    why: str


@dataclass(frozen=True)
class DatasetInfo:
    """Title, description and licence of the published dataset (``data/dataset.yaml``)."""

    name: str
    title: str
    description: str
    licence_name: str
    licence_title: str
    licence_path: str


@dataclass
class Dataset:
    """Everything under ``data/``, validated."""

    info: DatasetInfo
    regions: list[Region]
    categories: list[Category]
    metrics: list[Metric]
    sources: dict[str, Source]  # by source id, unique across years
    reports: list[RegionYear] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # oldest first
    _report_index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # Lookups: the catalogues do not change once loaded.
    @cached_property
    def region_by_id(self) -> dict[str, Region]:
        return {r.id: r for r in self.regions}

    @cached_property
    def metric_by_id(self) -> dict[str, Metric]:
        return {m.id: m for m in self.metrics}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.reports})

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def newer_than(self, year: int) -> list[int]:
        return [y for y in self.years if y > year]

    def latest_report(self, region_id: str) -> RegionYear | None:
        """The region's newest file: the latest year need not cover every region."""
        years = [r for r in self.reports if r.region_id == region_id]
        return max(years, key=lambda r: r.year) if years else None

    def reports_of(self, region_id: str) -> list[RegionYear]:
        return sorted((r for r in self.reports if r.region_id == region_id), key=lambda r: r.year)

    def edition_date(self, year: int) -> str:
        """When the edition was first published: its first 更新记录 entry."""
        return min(c.date for c in self.changes if c.edition == year)

    def sources_of(self, year: int) -> list[Source]:
        return [s for s in self.sources.values() if s.year == year]

    def covered(self, year: int) -> set[str]:
        """Region ids some source of ``year`` reports on (the rest have no data that year)."""
        return {rid for s in self.sources_of(year) for rid in s.covers}

    def report(self, year: int, region_id: str) -> RegionYear | None:
        if len(self._report_index) != len(self.reports):  # built once, after loading
            self._report_index = {(r.year, r.region_id): r for r in self.reports}
        return self._report_index.get((year, region_id))
