"""Tidy pandas tables derived from the validated records.

``figures_frame`` is the long table everything else derives from (one row per figure).
The derived tables never add values with different units: counts per category are counts
of *reported figures*, and the comparable matrix keeps NaN where a region did not report.
"""

from __future__ import annotations

import pandas as pd

from .model import Dataset
from .schema import TABLE_BY_NAME

EVIDENCE_JOIN = " … "  # between the clauses of one item, in a single cell


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


def region_category_counts(df: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """Region x category: how many figures each region reported per category (0 where none)."""
    cat_names = [c.name for c in ds.categories]
    with_rows = set(df["region_id"])
    reported = [r.name for r in ds.regions if r.id in with_rows]
    table = pd.crosstab(df["region_name"], df["category"]).reindex(
        index=reported, columns=cat_names, fill_value=0
    )
    table.index.name, table.columns.name = "region_name", "category"
    return table


def comparable_matrix(df: pd.DataFrame, ds: Dataset, year: int) -> pd.DataFrame:
    """Comparable metric x region of ``year``: the value, NaN where the region did not report it."""
    sub = df[(df["year"] == year) & df["comparable"]]
    regions = [r.name for r in ds.regions if ds.report(year, r.id)]
    metrics = [m.name for m in ds.metrics if m.comparable]
    return sub.pivot(index="metric_name", columns="region_name", values="value").reindex(
        index=metrics, columns=regions
    )


def coverage(df: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """All county-level units, with how many figures and honours each has (0 = no data yet)."""
    counts = df.groupby("region_id").size()
    honours: dict[str, int] = {}
    for report in ds.reports:
        honours[report.region_id] = honours.get(report.region_id, 0) + len(report.honours)
    rows = [
        {
            "region_id": r.id,
            "region_name": r.name,
            "kind": r.kind,
            "display_order": r.order,
            "figure_count": int(counts.get(r.id, 0)),
            "honour_count": honours.get(r.id, 0),
        }
        for r in ds.regions
    ]
    return pd.DataFrame(rows, columns=TABLE_BY_NAME["regions"].header)


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
            "source_id": h.source_id,
        }
        for rep in ds.reports
        for h in rep.honours
    ]
    return pd.DataFrame(rows, columns=TABLE_BY_NAME["honours"].header)
