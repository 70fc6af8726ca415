"""The typed records everything downstream reads, produced by ``validate``.

Each is the record the editor writes (``records``, the one definition of its fields)
extended by what the loader knows from where the record stands: a figure's year and region,
a source's id and year. Text the editor may leave out is "" here, never None. Built with
``model_construct`` by the loader, after checking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pydantic import StrictInt, StrictStr

from .records import (
    HONOUR_KINDS,  # noqa: F401 - re-exported for templates and tests
    CategoryRecord,
    ChangeRecord,
    DatasetFile,
    FigureRecord,
    HighlightRecord,
    HonourRecord,
    MetricRecord,
    RegionFile,
    RegionRecord,
    SourceFile,
)

Region = RegionRecord
Category = CategoryRecord
Metric = MetricRecord
Highlight = HighlightRecord
Honour = HonourRecord
Change = ChangeRecord
DatasetInfo = DatasetFile


class Figure(FigureRecord):
    year: StrictInt
    region_id: StrictStr


class Source(SourceFile):
    """A document figures are quoted from (``data/<year>/sources/<id>.yaml`` + ``.txt``).

    Only its metadata is here: the text stays in ``data/`` for ``check`` and is never
    published. Unknown metadata is "" and shown as "未知".
    """

    id: StrictStr
    year: StrictInt


class RegionYear(RegionFile):
    """One region's curated file for one year."""

    year: StrictInt
    figures: tuple[Figure, ...]


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
    notes: list[str] = field(default_factory=list)  # how files were read (e.g. an encoding)
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

    def changes_over_years(self, region_id: str) -> bool:
        """Does the region have a metric reported in more than one year? Its timeline page
        then shows the change (``chart_plan.timeline_charts`` draws one chart per such metric)."""
        years: dict[str, set[int]] = {}
        for r in self.reports_of(region_id):
            for f in r.figures:
                years.setdefault(f.metric_id, set()).add(r.year)
        return any(len(y) > 1 for y in years.values())

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
