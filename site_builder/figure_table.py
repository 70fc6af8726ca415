"""A year's figures as one spreadsheet: ``data/<year>/figures.csv``, as Excel or WPS save it.

One row per figure, columns ``region, metric, value, unit, qualifier, evidence, note, source``
(or the Chinese titles the downloads use). Read whatever a Chinese Windows spreadsheet
writes: UTF-8 with or without BOM, GBK/GB18030 (detected, and said), CRLF, empty trailing
rows and columns, numbers stored as text. Refused with a message that says the fix:
formulas, and blank region cells left by merged cells ("same as above"). Each row becomes a
record node with the row number the spreadsheet shows, so every rule and message applies
as to a figure in YAML (``data/2024/figures.csv:12: 列 qualifier：…``).

``to_csv`` writes a year's YAML figures as such a table (``python -m site_builder
figures-to-csv <year>``), for an editor who prefers the spreadsheet.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from .errors import Problem, hint_closest
from .yamlio import LineDict

NAME = "figures.csv"
COLUMNS = ("region", "metric", "value", "unit", "qualifier", "evidence", "note", "source")
# The download's Chinese column titles (and ids) for the same columns.
TITLES = {
    "地区 id": "region",
    "region_id": "region",
    "指标 id": "metric",
    "metric_id": "metric",
    "数值": "value",
    "单位": "unit",
    "限定": "qualifier",
    "原文摘句": "evidence",
    "说明": "note",
    "来源 id": "source",
    "source_id": "source",
}
# Columns of the figures.csv download that an editor may leave in (they are derived).
DERIVED = {"year", "region_name", "metric_name", "category", "年份", "地区", "指标", "类别"}
REQUIRED = ("region", "metric", "value", "unit", "qualifier", "evidence")


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), "UTF-8（带 BOM）"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "GBK/GB18030"


def _number(text: str):
    """Numbers stored as text become numbers; anything else stays text for the checker."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        value = float(text)
        return int(value) if value.is_integer() else value
    return text


def read(raw: bytes, shown: str) -> tuple[list[LineDict], str, list[Problem]]:
    """The rows as record nodes (``line`` = the spreadsheet's row number), the encoding used,
    and the problems of the table itself."""
    problems: list[Problem] = []

    def refuse(row: int, column: str, what: str, expected: str) -> None:
        problems.append(Problem(shown, row, column, what, expected, "列" if column else "字段"))

    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError:
        refuse(
            1,
            "",
            "文件既不是 UTF-8 也不是 GBK 编码",
            "在 Excel/WPS 中“另存为 CSV UTF-8（逗号分隔）”",
        )
        return [], "", problems
    table = list(csv.reader(io.StringIO(text)))
    while table and not any(cell.strip() for cell in table[-1]):
        table.pop()  # empty trailing rows
    if not table:
        refuse(1, "", "表格是空的", "第一行为列名：" + ", ".join(COLUMNS))
        return [], encoding, problems
    header = [h.strip() for h in table[0]]
    names: list[str | None] = []
    for cell in header:
        name = TITLES.get(cell, cell)
        if not cell or cell in DERIVED:
            names.append(None)  # an empty trailing column, or one the download derives
        elif name in COLUMNS:
            names.append(name)
        else:
            names.append(None)
            known = [*COLUMNS, *TITLES]
            refuse(
                1,
                cell,
                f"未知的列{hint_closest(cell, known)}",
                "以下列名之一：" + ", ".join(COLUMNS),
            )
    for column in REQUIRED:
        if column not in names:
            refuse(
                1, column, "缺少这一列", "第一行写上列名 " + column + "（或下载文件中的中文列名）"
            )
    if problems:
        return [], encoding, problems
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            name: cell.strip()
            for name, cell in zip(names, cells, strict=False)
            if name is not None and cell.strip()
        }
        if not values:
            continue  # an empty row in the middle
        refused = False
        for name, value in values.items():
            if value.startswith("="):
                refused = True
                refuse(
                    number,
                    name,
                    f"单元格是公式“{value}”",
                    "公式算出的数值：在 Excel/WPS 中复制这一列，“选择性粘贴 → 数值”后再保存",
                )
        if "region" not in values:
            refuse(
                number,
                "region",
                "地区为空（多半是合并单元格留下的“同上”）",
                "每一行都写上地区 id：取消合并单元格，把地区填到每一行",
            )
        node = LineDict({k: (_number(v) if k == "value" else v) for k, v in values.items()})
        node.line, node.key_lines = number, dict.fromkeys(node, number)
        node.refused = refused  # a formula: reported here, not checked again as a figure
        rows.append(node)
    return rows, encoding, problems


def to_csv(figures_by_region: list[tuple[str, str, list]]) -> bytes:
    """The figures as the table ``read`` takes: UTF-8 with BOM (Excel opens it), CRLF.

    ``figures_by_region`` is (region id, the file's source id, its figures) in order.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for region_id, file_source, figures in figures_by_region:
        for f in figures:
            value = int(f.value) if isinstance(f.value, float) and f.value.is_integer() else f.value
            source = "" if f.source_id == file_source else f.source_id
            writer.writerow(
                [region_id, f.metric_id, value, f.unit, f.qualifier, f.evidence, f.note, source]
            )
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def without_figures(text: str) -> str:
    """A region file's text without its ``figures:`` block (comments elsewhere kept)."""
    lines = text.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        top_level = line[:1] not in (" ", "-", "\t", "\n", "\r", "")  # a key or a comment
        if line.startswith("figures:"):
            skipping = True
            continue
        if skipping and top_level:
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)
