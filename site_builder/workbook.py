"""One Excel workbook with every table: a first sheet explaining columns and qualifiers,
then one sheet per table. Numbers are stored as numbers, text is formula-safe, and the file
is byte-for-byte reproducible (fixed document dates and ZIP timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from . import wording
from .cells import neutralise
from .model import Dataset
from .qualifiers import QUALIFIERS
from .schema import TABLES

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


def _readme(wb: Workbook, ds: Dataset) -> None:
    ws = wb.active
    ws.title = "说明"
    bold = Font(bold=True)
    ws.append([ds.info.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([ds.info.description])
    for source in sorted(ds.sources.values(), key=lambda s: (s.year, s.id)):
        ws.append([f"来源（{source.year} 年，{source.id}）：{wording.cite(source)}"])
    ws.append([f"许可：{ds.info.licence.title}（{ds.info.licence.name}）"])
    ws.append([])
    ws.append(["限定（qualifier）", "含义"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for key, meaning in QUALIFIERS.items():
        ws.append([key, meaning])
    ws.append([])
    ws.append(["工作表", "字段", "类型", "名称", "说明"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for table in TABLES:
        for c in table.columns:
            ws.append([table.name, c.name, c.type, c.title, c.description])
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["E"].width = 80


def workbook_bytes(ds: Dataset, frames: dict[str, pd.DataFrame]) -> bytes:
    wb = Workbook()
    _readme(wb, ds)
    for table in TABLES:
        ws = wb.create_sheet(table.name)
        ws.append(table.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        kinds = [c.type for c in table.columns]
        for row in frames[table.name][table.header].itertuples(index=False, name=None):
            ws.append([_typed(v, k) for v, k in zip(row, kinds, strict=True)])
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
