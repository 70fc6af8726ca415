"""Write the downloads journalists use: CSV per table and per region (later XLSX and datapackage).

Files are UTF-8 with BOM (so Excel on Chinese Windows shows the Chinese), rows in a stable
order, and text cells that a spreadsheet would run as a formula are neutralised. Writing
is atomic: files go to a temporary folder first and are moved into place only when all
of them are ready, so a failure never leaves a half-written download.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from . import aggregate, chart_plan
from .cells import cell
from .datapackage import datapackage
from .model import Dataset
from .schema import TABLE_BY_NAME, Table
from .workbook import workbook_bytes


def csv_bytes(df: pd.DataFrame, table: Table) -> bytes:
    """``df`` as the CSV of ``table``: its columns in its order, BOM, CRLF (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in df[table.header].itertuples(index=False, name=None):
        writer.writerow([cell(v.item() if hasattr(v, "item") else v) for v in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def table_frames(ds: Dataset, figures: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The published tables as DataFrames, keyed by table name (``figures`` when the caller
    has the long table already)."""
    if figures is None:
        figures = aggregate.figures_frame(ds)
    return {
        "figures": figures,
        "regions": aggregate.coverage(figures, ds),
        "metrics": aggregate.metrics_frame(ds),
        "honours": aggregate.honours_frame(ds),
        "sources": aggregate.sources_frame(ds),
    }


PER_YEAR = ("figures", "honours")  # tables also published once per edition


def csv_files(frames: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every CSV download: one per table across all years at its stable address, and each
    edition's own files under ``<year>/``: its figures, honours and one file per region."""
    files = {f"{name}.csv": csv_bytes(df, TABLE_BY_NAME[name]) for name, df in frames.items()}
    for name in PER_YEAR:
        for year, rows in frames[name].groupby("year", sort=True):
            files[f"{year}/{name}.csv"] = csv_bytes(rows, TABLE_BY_NAME[name])
    table = TABLE_BY_NAME["figures"]
    for (year, region_id), rows in frames["figures"].groupby(["year", "region_id"], sort=False):
        files[f"{year}/{region_id}.csv"] = csv_bytes(rows, table)
    return files


def chart_table_names(plan: chart_plan.Plan) -> dict[str, str]:
    """``charts/<csv_id>.csv`` -> the name of the table definition it follows."""
    return {path: f"chart_{c.kind}" for path, c in plan.csv_charts().items()}


def chart_csv_files(plan: chart_plan.Plan) -> dict[str, bytes]:
    """The data behind every chart of ``plan``, as ``charts/<csv_id>.csv`` (the id carries
    the edition's year, or "change-" for a timeline). A region page's comparison draws the
    same rows as the overview's and links to its file."""
    return {
        path: csv_bytes(c.data, TABLE_BY_NAME[f"chart_{c.kind}"])
        for path, c in plan.csv_charts().items()
    }


def download_files(
    ds: Dataset,
    plan: chart_plan.Plan | None = None,
    figures: pd.DataFrame | None = None,
    cache_dir: Path | None = None,
) -> dict[str, bytes]:
    """Everything served under ``/downloads/``, keyed by path (sorted, for stable output).

    ``plan`` is the site's chart plan when the caller already has it; ``cache_dir`` keeps
    the workbook between builds (see ``workbook``).
    """
    frames = table_frames(ds, figures)
    if plan is None:
        plan = chart_plan.plan_site(ds, frames["figures"])
    files = {**csv_files(frames), **chart_csv_files(plan)}
    files["datapackage.json"] = datapackage(ds, sorted(files), chart_table_names(plan))
    files[f"{ds.info.name}.xlsx"] = workbook_bytes(ds, frames, cache_dir)
    return dict(sorted(files.items()))


def write_files(files: dict[str, bytes], out_dir: Path) -> None:
    """Write all ``files`` into ``out_dir`` or none of them."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir))
    try:
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for name in files:
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
