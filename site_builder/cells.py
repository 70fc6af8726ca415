"""How one value is written into a downloaded cell (CSV or XLSX).

Numbers stay numbers; text that a spreadsheet would run as a formula is neutralised, as
OWASP advises for CSV injection, because anything typed into a data file ends up in
journalists' spreadsheets.
"""

from __future__ import annotations

import math
import sys

# A cell starting with one of these is run as a formula by Excel/LibreOffice/Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheets by prefixing a quote (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _is_pandas_na(value) -> bool:
    """pandas' missing value (nullable integer columns), without importing pandas here: the
    spreadsheet reader (``figure_table``) uses this module while ``check`` runs without it."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def cell(value) -> str:
    """The CSV text of one cell: numbers stay plain numbers, text is formula-safe."""
    if value is None or _is_pandas_na(value) or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return neutralise(str(value))
