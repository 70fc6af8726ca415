"""One Excel workbook with every table: a first sheet explaining columns and qualifiers,
then one sheet per table. Numbers are stored as numbers, text is formula-safe, and the file
is byte-for-byte reproducible (fixed document dates and ZIP timestamps).

Writing it needs openpyxl, whose import alone is a tenth of a rebuild, so a build keeps the
workbook in its cache (``<project>/.cache/site_builder/downloads/``) keyed by everything the
workbook holds and the code that writes it: a rebuild with unchanged data copies it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import disk_cache, wording
from .cells import neutralise
from .model import Dataset
from .qualifiers import QUALIFIERS
from .schema import TABLES

if TYPE_CHECKING:
    from openpyxl import Workbook

FIXED_TIME = dt.datetime(2025, 1, 1)  # document dates: the data's, not the build's
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _typed(value, kind: str):
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        value = float(value)
        return int(value) if value.is_integer() else value
    if kind == "boolean":
        return bool(value)
    return neutralise(str(value))


def _readme_rows(ds: Dataset) -> list[list]:
    """The first sheet's rows; ``None`` in place of a row marks a bold header row."""
    rows: list = [[ds.info.title], [ds.info.description]]
    for source in sorted(ds.sources.values(), key=lambda s: (s.year, s.id)):
        rows.append([f"来源（{source.year} 年，{source.id}）：{wording.cite(source)}"])
    rows += [[f"许可：{ds.info.licence.title}（{ds.info.licence.name}）"], [], None]
    rows.append(["限定（qualifier）", "含义"])
    rows += [[key, meaning] for key, meaning in QUALIFIERS.items()]
    rows += [[], None, ["工作表", "字段", "类型", "名称", "说明"]]
    for table in TABLES:
        rows += [[table.name, c.name, c.type, c.title, c.description] for c in table.columns]
    return rows


def _sheet_rows(frames: dict[str, pd.DataFrame]) -> dict[str, list[list]]:
    """Each table's sheet: its header, then its rows with numbers as numbers."""
    sheets = {}
    for table in TABLES:
        kinds = [c.type for c in table.columns]
        rows = frames[table.name][table.header].itertuples(index=False, name=None)
        sheets[table.name] = [
            table.header,
            *([_typed(v, k) for v, k in zip(row, kinds, strict=True)] for row in rows),
        ]
    return sheets


def _readme(wb: Workbook, rows: list) -> None:
    from openpyxl.styles import Font

    ws = wb.active
    ws.title = "说明"
    bold = False
    for row in rows:
        if row is None:  # the next row is a header
            bold = True
            continue
        ws.append(row)
        if ws.max_row == 1:  # the title
            ws["A1"].font = Font(bold=True, size=14)
        if bold:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
            bold = False
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["E"].width = 80


# Changes to the code that writes the workbook change its cache key (the cells it writes,
# already made formula-safe, are part of the key themselves).
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def workbook_bytes(
    ds: Dataset, frames: dict[str, pd.DataFrame], cache_dir: Path | None = None
) -> bytes:
    """The workbook of ``frames`` (read from ``cache_dir`` when it holds the same one)."""
    readme, sheets = _readme_rows(ds), _sheet_rows(frames)
    if cache_dir is None:
        return _write(readme, sheets)
    payload = json.dumps(
        [_CODE, version("openpyxl"), readme, sheets], ensure_ascii=False, default=repr
    )
    cached = cache_dir / f"{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:24]}.xlsx"
    data = disk_cache.read(cached)
    if data is None:
        data = _write(readme, sheets)
        disk_cache.write_atomic(cached, data)
        disk_cache.prune(cache_dir)  # each edit writes a new workbook: forget the unused
    return data


def _write(readme: list, sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook  # only a workbook missing from the cache needs openpyxl
    from openpyxl.styles import Font

    wb = Workbook()
    _readme(wb, readme)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    return _reproducible_zip(raw.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite the XLSX (a ZIP) with fixed timestamps so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data
                )
            dst.writestr(fixed, data)
    return out.getvalue()
