"""How a figure is said in Chinese, with its qualifier, everywhere it appears.

"10多场次" is stored as 10 + at_least and said "至少 10 场次"; "近800人" is 800 + approx and
said "近 800 人" (the article's own 近/约 is kept, read off the evidence clause). Charts use
the short forms "≥10 场次" and "≈800 人".
"""

from __future__ import annotations

from . import qualifiers
from .qualifiers import QUALIFIER_SYMBOL

number = qualifiers.number  # 9, 140, 2.5: as the source wrote it


def approx_word(value, evidence: str) -> str:
    """近 or 约, as the source said it (see ``qualifiers``)."""
    return qualifiers.approx_word(value, evidence)


def prefix(value, qualifier: str, evidence: str = "") -> str:
    """The word a qualifier puts before a number: "至少", "近" or "约" (as the clause has it),
    or nothing for an exact figure."""
    if qualifier == "at_least":
        return "至少"
    if qualifier == "approx":
        return approx_word(value, evidence)
    return ""


def say(value, qualifier: str, unit: str, evidence: str = "") -> str:
    """The figure in words: "9 场", "至少 10 场次", "近 800 人"."""
    word = prefix(value, qualifier, evidence)
    return f"{word} {number(value)} {unit}" if word else f"{number(value)} {unit}"


def short(value, qualifier: str, unit: str) -> str:
    """The compact chart label: "9 场", "≥10 场次", "≈800 人"."""
    return f"{QUALIFIER_SYMBOL[qualifier]}{number(value)} {unit}"


UNKNOWN = "未知"


def known(text: str) -> str:
    """Metadata as shown: unknown (empty) metadata reads "未知", never a guess."""
    return text or UNKNOWN


def cite(source) -> str:
    """A source as the site cites it: 《标题》（作者：陈渴）, with 未知 for what is not known."""
    return f"《{source.title}》（作者：{known(source.byline)}）"
