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
    for row in df[table.header].itertuples(index=False):
        writer.writerow([cell(v.item() if hasattr(v, "item") else v) for v in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def table_frames(ds: Dataset) -> dict[str, pd.DataFrame]:
    """The published tables as DataFrames, keyed by table name."""
    figures = aggregate.figures_frame(ds)
    return {
        "figures": figures,
        "regions": aggregate.coverage(figures, ds),
        "metrics": aggregate.metrics_frame(ds),
        "honours": aggregate.honours_frame(ds),
        "sources": aggregate.sources_frame(ds),
    }


def csv_files(frames: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every CSV download: one per table, plus ``<region_id>.csv`` for each region with data."""
    files = {f"{name}.csv": csv_bytes(df, TABLE_BY_NAME[name]) for name, df in frames.items()}
    figures, table = frames["figures"], TABLE_BY_NAME["figures"]
    for region_id, rows in figures.groupby("region_id", sort=False):
        files[f"{region_id}.csv"] = csv_bytes(rows, table)
    return files


def chart_table_names(plan: dict[str, list]) -> dict[str, str]:
    """``charts/<chart_id>.csv`` -> the name of the table definition it follows."""
    return {f"charts/{c.id}.csv": f"chart_{c.kind}" for cs in plan.values() for c in cs}


def chart_csv_files(plan: dict[str, list]) -> dict[str, bytes]:
    """The data behind every chart of ``plan`` (see ``chart_plan``), as ``charts/<chart_id>.csv``."""
    files = {}
    for page_charts in plan.values():
        for chart in page_charts:
            table = TABLE_BY_NAME[f"chart_{chart.kind}"]
            files[f"charts/{chart.id}.csv"] = csv_bytes(chart.data, table)
    return files


def download_files(ds: Dataset, plan: dict[str, list] | None = None) -> dict[str, bytes]:
    """Everything served under ``/downloads/``, keyed by path (sorted, for stable output).

    ``plan`` is the site's chart plan when the caller already has it.
    """
    frames = table_frames(ds)
    if plan is None:
        plan = chart_plan.all_charts(ds, frames["figures"])
    files = {**csv_files(frames), **chart_csv_files(plan)}
    files["datapackage.json"] = datapackage(ds, sorted(files), chart_table_names(plan))
    files[f"{ds.info.name}.xlsx"] = workbook_bytes(ds, frames)
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
