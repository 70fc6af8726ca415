"""A year's figures as one spreadsheet: ``data/<year>/figures.csv``, as Excel or WPS save it.

One row per figure, columns ``region, metric, value, unit, qualifier, evidence, note, source``
(or the Chinese titles the downloads use). Read whatever a Chinese Windows spreadsheet
writes: UTF-8 with or without BOM, GBK/GB18030 (detected, and said), CRLF, empty trailing
rows and columns, numbers stored as text. Refused with a message that says the fix:
formulas, blank region cells left by merged cells ("same as above"), numbers as Excel
formats them (``1,200``, ``1.2E+03``) and rows of another year (the download's ``year``
column). A refused row says only its own problem: its metric still counts as written, so
nothing that cites it echoes. Each row becomes a
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
from collections.abc import Collection

from .cells import FORMULA_TRIGGERS, neutralise
from .errors import Problem, hint_closest
from .records import FigureRecord
from .schema import TABLE_BY_NAME
from .yamlio import LineDict

NAME = "figures.csv"
# The columns are a figure's fields as the region files name them (``records``), after the
# region: one definition for YAML, the table and the JSON Schema.
_FIELDS = FigureRecord.model_fields
COLUMNS = ("region", *(f.alias or name for name, f in _FIELDS.items()))
REQUIRED = ("region", *(f.alias or name for name, f in _FIELDS.items() if f.is_required()))
# The download's year column, optional: a row of another year is refused.
YEAR = "year"
# The figures.csv download's columns (``schema``), by the column of this table each one is:
# its id and its Chinese title are accepted as headers too.
_RENAMED = {"region_id": "region", "metric_id": "metric", "source_id": "source"}
_DOWNLOAD = {c: _RENAMED.get(c.name, c.name) for c in TABLE_BY_NAME["figures"].columns}
TITLES = {
    key: column
    for c, column in _DOWNLOAD.items()
    if column in (*COLUMNS, YEAR)
    for key in (c.name, c.title)
    if key != column
}
# Columns of the figures.csv download that an editor may leave in (they are derived).
DERIVED = {
    key
    for c, column in _DOWNLOAD.items()
    if column not in (*COLUMNS, YEAR)
    for key in (c.name, c.title)
}


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), "UTF-8（带 BOM）"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "GBK/GB18030"


# A UTF-8 Chinese character: a lead byte E4–E9 and two continuation bytes. GBK text almost
# never forms one by chance, so a line holding one is UTF-8.
_UTF8_CJK = re.compile(rb"[\xe4-\xe9][\x80-\xbf]{2}")


def _mixed_encodings(raw: bytes) -> tuple[list[int], str, str] | None:
    """Lines saved in another encoding than the rest (a few rows pasted in from another
    file): their numbers, their encoding and the rest's; None when the file is of one."""
    utf8, gbk = [], []
    # numbered as the spreadsheet numbers its rows: a quoted cell may hold line breaks (a
    # quote is one byte, 0x22, in both encodings, never inside a Chinese character)
    row, inside = 1, False
    for line in raw.removeprefix(codecs.BOM_UTF8).split(b"\n"):
        number = row
        # quotes and commas are the same bytes in both encodings and never part of a Chinese
        # character: read as Latin-1, the line's quoting is exact whatever its encoding
        inside = _ends_inside_quotes(line.decode("latin-1") + "\n", inside)
        if not inside:
            row += 1
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            if number not in gbk:
                gbk.append(number)
            continue
        if _UTF8_CJK.search(line) and number not in utf8:
            utf8.append(number)
    if not (utf8 and gbk):
        return None
    # the fewer rows are the pasted ones; on a tie, those not in the first row's encoding
    if len(utf8) < len(gbk) or (len(utf8) == len(gbk) and gbk[0] < utf8[0]):
        return utf8, "UTF-8", "GBK"
    return gbk, "GBK", "UTF-8"


def _number(text: str):
    """Numbers stored as text become numbers (a negative one too: the rules say why it is
    wrong, as for YAML); anything else stays text for the checker."""
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        value = float(text)
        return int(value) if value.is_integer() else value
    return text


def _excel_number(text: str) -> tuple[str, str] | None:
    """What is wrong with a number as Excel or WPS formats it, and the fix; None if nothing."""
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        return (
            f"“{text}”带了千位分隔符（逗号）",
            f"写成 {text.replace(',', '')}，不带千位分隔符"
            "（在 Excel/WPS 中把这一列设为“文本”或“常规”，不勾选“使用千位分隔符”）",
        )
    if re.fullmatch(r"-?\d+(\.\d+)?[eE][+-]?\d+", text):
        return (
            f"“{text}”是科学记数（单元格格式为“科学记数”，数字可能已被四舍五入）",
            "原文写出的数字，不用科学记数：在 Excel/WPS 中把这一列设为“文本”或“常规”，"
            "再照原文重新输入这个数字",
        )
    return None


def _refusals(values: dict[str, str], year: int | None) -> list[tuple[str, str, str]]:
    """(column, what is wrong, the fix) for every cell of a row refused as Excel wrote it."""
    as_values = "在 Excel/WPS 中复制这一列，“选择性粘贴 → 数值”后再保存"
    fixes = {  # what the cell should hold instead
        "value": "公式算出的数值：" + as_values,
        "region": "地区 id 本身（不用公式引用上一行）：" + as_values,
    }
    # Excel and WPS take a leading ' as "this cell is text" and do not save it: only a
    # second one reaches the file, where the reader takes it as the same mark (``_unquoted``)
    text_fix = (
        "文字：本来就要以“=”开头的文字，在 Excel/WPS 里前面输入两个英文单引号（''=…，"
        "第一个不会保存），在文本编辑器里加一个（'=…）；若是公式，" + as_values
    )
    out = [
        (name, f"单元格以“=”开头（“{value}”），会被当作公式", fixes.get(name, text_fix))
        for name, value in values.items()
        if value.startswith("=")
    ]
    formulas = {column for column, *_ in out}
    if "value" in values and "value" not in formulas and (bad := _excel_number(values["value"])):
        out.append(("value", *bad))
    cell = values.get(YEAR)
    if cell is not None and YEAR not in formulas and year is not None and cell != str(year):
        if re.fullmatch(r"\d{4}", cell):
            what = f"这一行的年份是 {cell}，而本表在 data/{year}/ 中，只放 {year} 年的数字"
            elsewhere = f"；{cell} 年的数字放在 data/{cell}/ 下"
        else:
            what, elsewhere = f"“{cell}”不是年份", ""
        out.append((YEAR, what, f"{year}{elsewhere}（年份列也可以整列删去）"))
    if "region" not in values:
        out.append(
            (
                "region",
                "地区为空（多半是合并单元格留下的“同上”）",
                "每一行都写上地区 id：取消合并单元格，把地区填到每一行",
            )
        )
    return out


def read(
    raw: bytes, shown: str, year: int | None = None, metric_ids: Collection[str] = ()
) -> tuple[list[LineDict], str, list[Problem]]:
    """The rows as record nodes (``line`` = the spreadsheet's row number), the encoding used,
    and the problems of the table itself. ``year`` is the folder's: a row whose ``year``
    cell says another is refused. ``metric_ids``, the catalogue's, tell a row of the table
    swallowed by a stray quote from a note's line that has commas (without them, any id).

    A refused row keeps its cells; ``node.refused`` names the columns refused (checked no
    further: its own message is said here)."""
    problems: list[Problem] = []

    def refuse(row: int, column: str, what: str, expected: str) -> None:
        problems.append(Problem(shown, row, column, what, expected, "列" if column else "字段"))

    save_as = "在 Excel/WPS 中“另存为 CSV UTF-8（逗号分隔）”"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        refuse(1, "", "文件是 UTF-16 编码（Excel 的“Unicode 文本”）", save_as)
        return [], "", problems
    mixed = _mixed_encodings(raw)
    if mixed:
        lines, theirs, rest = mixed
        refuse(
            lines[0],
            "",
            f"第 {'、'.join(map(str, lines[:5]))}{' 等' if len(lines) > 5 else ''} 行是 {theirs} "
            f"编码，其余各行是 {rest}（多半是从另一个文件粘贴来的）",
            "整张表用同一种编码：在 Excel/WPS 中重新输入这几行，再另存为“CSV UTF-8（逗号分隔）”",
        )
        return [], "", problems
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError:
        refuse(1, "", "文件既不是 UTF-8 也不是 GBK 编码", save_as)
        return [], "", problems
    if "\x00" in text:  # a damaged file, or not a table at all
        row = len(re.split(r"\r\n|\r|\n", text[: text.index("\x00")]))  # CR, LF or CRLF
        refuse(row, "", "文件里有空字符（\\0），文件可能已损坏或不是 CSV", save_as)
        return [], encoding, problems
    try:
        # newline="": rows end in CRLF (Windows), LF, or CR alone (Excel for Mac's "CSV
        # (Macintosh)"); a line break inside a quoted cell (Alt+Enter) stays in its cell
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:  # e.g. a cell over the csv module's size limit
        refuse(1, "", f"文件不能按 CSV 表格读取（{error}）", save_as)
        return [], encoding, problems
    while table and not any(cell.strip() for cell in table[-1]):
        table.pop()  # empty trailing rows
    if not table:
        refuse(1, "", "表格是空的", "第一行为列名：" + ", ".join(COLUMNS))
        return [], encoding, problems
    header = [h.strip() for h in table[0]]
    named = [h for h in header if h]
    if len(named) == 1 and (";" in named[0] or "\t" in named[0]):
        separator = "分号" if ";" in named[0] else "制表符"
        refuse(
            1,
            "",
            f"列与列之间用的是{separator}，不是逗号",
            save_as + "；或在 Windows 的“区域设置”中把列表分隔符改为逗号后再保存",
        )
        return [], encoding, problems
    names: list[str | None] = []
    for i, cell in enumerate(header):
        name = TITLES.get(cell, cell)
        if not cell or cell in DERIVED:
            names.append(None)  # an empty trailing column, or one the download derives
        elif name in names:
            names.append(None)
            first = _column_letter(names.index(name))
            refuse(
                1,
                cell,
                f"第 {_column_letter(i)} 列与第 {first} 列是同一列（{name}）",
                "每一列只出现一次：删去重复的那一列",
            )
        elif name in COLUMNS or name == YEAR:
            names.append(name)
        else:
            names.append(None)
            known = [*COLUMNS, YEAR, *TITLES]
            refuse(
                1,
                cell,
                f"未知的列{hint_closest(cell, known)}",
                "以下列名之一：" + ", ".join(COLUMNS),
            )
    for column in REQUIRED:
        if column not in names:
            chinese = [k for k, v in TITLES.items() if v == column and not k.isascii()]
            refuse(
                1,
                column,
                "缺少这一列",
                f"第一行写上列名 {column}"
                + (f"（或下载文件中的中文列名“{chinese[0]}”）" if chinese else ""),
            )
    if problems:
        return [], encoding, problems
    if len(table) == 1:
        refuse(
            1,
            "",
            "表格只有列名，没有数字",
            "每个数字一行，写在列名下面；或删去这个文件，把数字写回地区文件",
        )
        return [], encoding, problems
    swallowed = _swallowed_rows(table, names, text, metric_ids)
    if swallowed:  # the rows after it are not what the editor wrote: read none of them
        refuse(*swallowed)
        return [], encoding, problems
    rows = []
    unnamed = {i for i, cell in enumerate(header) if not cell}
    for number, cells in enumerate(table[1:], start=2):
        stray = [i for i, c in enumerate(cells) if c.strip() and (i >= len(header) or i in unnamed)]
        if stray:  # said, not dropped: the editor may have typed a figure's part there
            refuse(
                number,
                f"{_column_letter(stray[0])}",
                f"第 {_column_letter(stray[0])} 列有内容“{cells[stray[0]].strip()}”，但这一列没有列名",
                "删去这一格，或把它移到有列名的列里",
            )
        values = {
            name: cell.strip()
            for name, cell in zip(names, cells, strict=False)
            if name is not None and cell.strip()
        }
        if not values.keys() - {YEAR}:
            continue  # an empty row in the middle
        refused = _refusals(values, year)
        for column, what, expected in refused:
            refuse(number, column, what, expected)
        values.pop(YEAR, None)
        values = {k: _unquoted(v) for k, v in values.items()}  # '=… is text, not a formula
        node = LineDict({k: (_number(v) if k == "value" else v) for k, v in values.items()})
        node.line, node.key_lines = number, dict.fromkeys(node, number)
        node.refused = frozenset(column for column, *_ in refused)  # said here, once
        rows.append(node)
    return rows, encoding, problems


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _swallowed_rows(
    table: list[list[str]], names: list[str | None], text: str, metric_ids: Collection[str]
) -> tuple | None:
    """A stray double quote, typed at the start of a cell in a text editor, opens a quoted
    cell that the csv format closes only at the next quote, maybe none: every row up to
    there is read as that one cell. Such a cell holds, after a line break, a line that is a
    row of this table (a metric id and a number where the columns put them; a note typed
    with Alt+Enter whose second line merely has commas is not); or the file ends inside a
    quoted cell. The problem, or None."""
    for number, cells in enumerate(table[1:], start=2):
        for i, cell in enumerate(cells):
            lines = _LINE_BREAK.split(cell)
            if any(_is_a_row(line, names, metric_ids) for line in lines[1:]):
                swallowed = sum(1 for line in lines[1:] if line.strip())
                return _stray_quote(
                    number,
                    names,
                    i,
                    f"引号没有在本行闭合，下面 {swallowed} 行被读成了这一格的文字，不是表格的行",
                )
    if _ends_inside_quotes(text) and len(table) > 1:  # the last cell runs to the end
        last = len(table[-1]) - 1
        return _stray_quote(len(table), names, last, "引号直到文件末尾都没有闭合")
    return None


_METRIC_ID = re.compile(r"[a-z][a-z0-9_]*")
_NUMBER = re.compile(r"-?\d[\d,.]*")


def _is_a_row(line: str, names: list[str | None], metric_ids: Collection[str]) -> bool:
    """Does ``line``, read as a row of this table, hold a metric id (one of ``metric_ids``,
    when given) and a number in the metric and value columns?"""
    cells = next(csv.reader([line]), [])

    def at(column: str) -> str:
        i = names.index(column) if column in names else len(cells)
        return cells[i].strip() if i < len(cells) else ""

    metric = at("metric")
    known = metric in metric_ids if metric_ids else bool(_METRIC_ID.fullmatch(metric))
    return known and bool(_NUMBER.fullmatch(at("value")))


def _ends_inside_quotes(text: str, inside: bool = False) -> bool:
    """Does ``text`` end inside a quoted cell (``inside``: it starts in one)? Read as the
    csv format reads quotes: a quote opens a quoted cell only at the start of a cell (``55"``
    is text), ``""`` inside one is a quote, and the next single quote closes it."""
    at_start, i = True, 0
    while i < len(text):
        char = text[i]
        if inside:
            if char == '"':
                if text.startswith('"', i + 1):
                    i += 1  # "" : a quote within the cell
                else:
                    inside = False
        elif char == '"' and at_start:
            inside = True
        at_start = not inside and char in ",\r\n"
        i += 1
    return inside


def _stray_quote(number: int, names: list[str | None], i: int, what: str) -> tuple:
    column = names[i] if i < len(names) and names[i] else _column_letter(i)
    return (
        number,
        column,
        f"这一格以双引号开头，{what}",
        '删去这个多余的双引号（“"”）；这一格的文字里真要有双引号时，'
        '整格用双引号括起，格内的双引号写成两个（“""”），Excel/WPS 保存时会自动这样写',
    )


def _unquoted(text: str) -> str:
    """A text cell as written: a leading ' before = + - @ only marks it as text, not a
    formula (the downloads write such cells so, and so does ``to_csv``)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def _column_letter(index: int) -> str:
    """A 0-based column index as the spreadsheet names it: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
            text = [neutralise(s) for s in (f.unit, f.qualifier, f.evidence, f.note)]
            writer.writerow([region_id, f.metric_id, value, *text, source])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def without_figures(text: str) -> str:
    """A region file's text without its ``figures:`` block (comments elsewhere kept)."""
    lines = text.splitlines(keepends=True)

    def key(line: str) -> bool:  # a top-level key ends the block
        return line[:1] not in (" ", "-", "\t", "\n", "\r", "", "#")

    def ends_block(i: int) -> bool:
        # a comment at the left edge ends the block only when a key follows it (it belongs
        # to that key); inside the list it belongs to the figures
        rest = (line for line in lines[i:] if line.strip() and not line.startswith("#"))
        return key(next(rest, "x:"))

    out, skipping = [], False
    for i, line in enumerate(lines):
        if line.startswith("figures:"):
            skipping = True
            continue
        if skipping and (key(line) or (line.startswith("#") and ends_block(i))):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)
