"""Tidy pandas tables derived from the validated records.

``figures_frame`` is the long table everything else derives from (one row per figure).
The derived tables never add values with different units and never turn a missing figure
into 0: ``metric_across_units`` says why a unit has no figure (未报告 or 暂无数据), and
``coverage`` leaves counts empty for units no source covers.
"""

from __future__ import annotations

import math

import pandas as pd

from .compare import status_word
from .model import Dataset
from .schema import TABLE_BY_NAME

EVIDENCE_JOIN = " | "  # between the clauses of one item, in a single cell ("…" would read as a cut)


def figures_frame(ds: Dataset) -> pd.DataFrame:
    """One row per figure, columns of ``figures.csv`` plus helper columns for sorting and charts."""
    regions, metrics, cats = ds.region_by_id, ds.metric_by_id, ds.category_by_id
    metric_order = {m.id: i for i, m in enumerate(ds.metrics)}
    rows = []
    for report in ds.reports:
        region = regions[report.region_id]
        for f in report.figures:
            m = metrics[f.metric_id]
            rows.append(
                {
                    "year": f.year,
                    "region_id": region.id,
                    "region_name": region.name,
                    "metric_id": m.id,
                    "metric_name": m.name,
                    "category": cats[m.category].name,
                    "value": f.value,
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "evidence": f.evidence,
                    "note": f.note,
                    "source_id": f.source_id,
                    "category_id": m.category,
                    "comparable": m.comparable,
                    "region_order": region.order,
                    "metric_order": metric_order[m.id],
                }
            )
    columns = TABLE_BY_NAME["figures"].header + [
        "category_id",
        "comparable",
        "region_order",
        "metric_order",
    ]
    df = pd.DataFrame(rows, columns=columns)
    df = df.astype({"value": "float64"})
    return df.sort_values(["year", "region_order", "metric_order"], kind="stable").reset_index(
        drop=True
    )


def metric_across_units(df: pd.DataFrame, ds: Dataset, year: int, metric) -> pd.DataFrame:
    """One metric of ``year`` for every county-level unit: its figure, or why there is none.

    ``status`` is "reported", "not_reported" (a source of that year covers the unit, which did
    not report the metric) or "no_data" (no source covers it); value and the figure's other
    columns are empty unless reported. Never a 0 for a missing figure. A unit that reported
    only the metric's ``related`` one (e.g. a combined count) is not_reported, with a note
    saying what it did report, so "未报告" never reads as "said nothing about it".
    ``shown_status`` (not in the CSV) is how every chart, table and sentence words the
    status: 有数字, 未报告, 未单独报告 (that note) or 暂无数据.
    """
    figures = df[(df["year"] == year) & (df["metric_id"] == metric.id)].set_index("region_id")
    related = (
        df[(df["year"] == year) & (df["metric_id"] == metric.related)].set_index("region_id")
        if metric.related
        else df.iloc[0:0]
    )
    covered = ds.covered(year)
    rows = []
    for region in ds.regions:
        row = {
            "year": year,
            "region_id": region.id,
            "region_name": region.name,
            "metric_id": metric.id,
            "metric_name": metric.name,
            "value": math.nan,
            "unit": "",
            "qualifier": "",
            "evidence": "",
            "note": "",
            "source_id": "",
            "caveat": metric.caveat,
            "region_order": region.order,
        }
        if region.id in figures.index:
            fig = figures.loc[region.id]
            row["status"] = "reported"
            for col in ("value", "unit", "qualifier", "evidence", "note", "source_id"):
                row[col] = fig[col]
        else:
            row["status"] = "not_reported" if region.id in covered else "no_data"
            if region.id in related.index:
                other = related.loc[region.id]
                row["note"] = (
                    f"没有单独的{metric.name}数字；原文写的是“{other['evidence']}”，"
                    f"记作“{other['metric_name']}”，不画入比较"
                )
        rows.append(row)
    for row in rows:
        row["shown_status"] = status_word(row["status"], row["note"])
    columns = TABLE_BY_NAME["chart_comparison"].header + ["region_order", "shown_status"]
    return pd.DataFrame(rows, columns=columns).astype({"value": "float64"})


def coverage(df: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """All county-level units: which years some source covers them, and their counts.

    Counts are empty (not 0) for a unit no source covers: there is nothing to count yet.
    """
    counts = df.groupby("region_id").size()
    honours: dict[str, int] = {}
    for report in ds.reports:
        honours[report.region_id] = honours.get(report.region_id, 0) + len(report.honours)
    rows = []
    for r in ds.regions:
        years = [y for y in ds.years if r.id in ds.covered(y)]
        rows.append(
            {
                "region_id": r.id,
                "region_name": r.name,
                "kind": r.kind,
                "display_order": r.order,
                "years_covered": ";".join(map(str, years)),
                "figure_count": int(counts.get(r.id, 0)) if years else None,
                "honour_count": honours.get(r.id, 0) if years else None,
            }
        )
    return pd.DataFrame(rows, columns=TABLE_BY_NAME["regions"].header).astype(
        {"figure_count": "Int64", "honour_count": "Int64"}
    )


def sources_frame(ds: Dataset) -> pd.DataFrame:
    """Every source's metadata (never its text): the citation behind ``source_id``."""
    rows = [
        {
            "source_id": s.id,
            "year": s.year,
            "title": s.title,
            "byline": s.byline,
            "publisher": s.publisher,
            "date": s.date,
            "url": s.url,
            "covers": ";".join(s.covers),
        }
        for s in sorted(ds.sources.values(), key=lambda s: (s.year, s.id))
    ]
    return pd.DataFrame(rows, columns=TABLE_BY_NAME["sources"].header)


def metrics_frame(ds: Dataset) -> pd.DataFrame:
    cats = ds.category_by_id
    rows = [
        {
            "metric_id": m.id,
            "metric_name": m.name,
            "category_id": m.category,
            "category": cats[m.category].name,
            "unit": m.unit,
            "unit_aliases": "、".join(m.unit_aliases),
            "definition": m.definition,
            "comparable": m.comparable,
            "caveat": m.caveat,
        }
        for m in ds.metrics
    ]
    return pd.DataFrame(rows, columns=TABLE_BY_NAME["metrics"].header)


def honours_frame(ds: Dataset) -> pd.DataFrame:
    regions = ds.region_by_id
    rows = [
        {
            "year": rep.year,
            "region_id": rep.region_id,
            "region_name": regions[rep.region_id].name,
            "kind": h.kind,
            "text": h.text,
            "evidence": EVIDENCE_JOIN.join(h.evidence),
            "holder": h.holder,
            "source_id": h.source_id,
        }
        for rep in ds.reports
        for h in rep.honours
    ]
    return pd.DataFrame(rows, columns=TABLE_BY_NAME["honours"].header)
