"""How sources qualify a number, read off the clause that states it: the one vocabulary.

"10多场次", "500余人次", "20场以上", "超过30条", "超1000人", "突破100场", "10几个" … are at
least the number; "近800人", "约5亿元", "800人左右", "20来人" are approximately it. Counts
written in words ("上百", "近千", "数十") are not figures at all, and a range ("3至5场") is not one number. ``check`` uses this to
compare each figure's ``qualifier`` with its clause, and the site uses it to say an
approximate number with the source's own word (近 or 约).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALIFIERS = {
    "exact": "原文给出的确切数字",
    "at_least": "原文写作“多”“余”“几”“以上”“超过”“超”“突破”“逾”等（如“10多场次”“500余人次”），实际数不少于该值",
    "approx": "原文写作“近”“约”“左右”“来”等（如“近800人”“20来人”），为约数",
}
QUALIFIER_SYMBOL = {"exact": "", "at_least": "≥", "approx": "≈"}

# Words before or after the number; "after" words may follow a short unit ("20场以上").
AT_LEAST_BEFORE = ("不少于", "不低于", "至少", "超过", "突破", "多于", "逾", "超")
AT_LEAST_AFTER = ("多", "余")  # right after the number, or after a short unit ("10万余")
# Right after the number only, as patterns: "10几个" is ten-odd, but "12个乡镇几乎" is not;
# "20来人" is about 20, but "20年来" is "over 20 years".
RIGHT_AFTER = ((r"几(?!乎)", "at_least"), ("来", "approx"))
AT_LEAST_AFTER_UNIT = ("以上", "有余")
# An upper bound ("不到100人", "100人以下") is not a figure: the site has no words for it.
AT_MOST_BEFORE = ("不到", "不足", "未满", "少于", "不超过", "不超")  # before 超 ("不超30人")
AT_MOST_AFTER_UNIT = ("以下", "以内")
APPROX_BEFORE = ("将近", "接近", "大约", "近", "约")
APPROX_AFTER_UNIT = ("左右", "上下")
UNIT_GAP = r"[^\d\s，。、；：,.;:（）()]{0,3}"  # a unit of up to three characters
# A verb between the word and the number: "约有20场", "约占30%", "近达800人".
VERB_GAP = r"(?:有|占|为|计|达)?"
# Words that start with 多 and say "multi-", not "more than": "3个多功能活动室" is 3 rooms.
MULTI_WORDS = re.compile(r"多(?:功能|元|样|种|方|层|彩|媒体|部门|领域|渠道|形式|措施|举措|维|项)")
# Counts said in words: not figures (a figure is a number written in Arabic digits).
COUNT_WORDS = re.compile(r"上百|上千|上万|近百|近千|近万|数十|数百|数千|几十|几百|几千|成百|成千")
RANGE_JOINERS = r"(?:至|到|~|～|-|－|—)"


@dataclass(frozen=True)
class Reading:
    """What a clause says about one number in it."""

    qualifier: str  # exact | at_least | approx | at_most (an upper bound: not a figure)
    said: str  # the words that say so ("10多", "近800", "20场以上"), or the number alone
    word: str = ""  # the qualifying word itself ("多", "近", "以上")


def number(value) -> str:
    """A number as the source wrote it: 9, 140, 2.5 (no trailing .0, no thousands comma)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def read(clause: str, value) -> Reading | None:
    """How ``clause`` qualifies ``value``; None when the number is not in it as written."""
    n = re.escape(number(value))
    own = rf"(?<![\d.]){n}(?![\d.])"
    if not re.search(own, clause):
        return None
    before = "|".join(map(re.escape, AT_LEAST_BEFORE + APPROX_BEFORE + AT_MOST_BEFORE))
    m = re.search(rf"({before})\s*{VERB_GAP}\s*{own}", clause)
    if m:
        return Reading(_kind(m.group(1)), m.group(0), m.group(1))
    m = re.search(rf"{own}\s*({'|'.join(AT_LEAST_AFTER)})", clause)
    if m:
        return Reading("at_least", m.group(0), m.group(1))
    for pattern, kind in RIGHT_AFTER:
        m = re.search(rf"{own}({pattern})", clause)
        if m:
            return Reading(kind, m.group(0), m.group(1))
    after_unit = "|".join(
        map(
            re.escape, AT_LEAST_AFTER_UNIT + APPROX_AFTER_UNIT + AT_MOST_AFTER_UNIT + AT_LEAST_AFTER
        )
    )
    m = re.search(rf"{own}{UNIT_GAP}?({after_unit})", clause)
    if m and m.group(1) == "多" and MULTI_WORDS.match(clause, m.start(1)):
        m = None  # "3个多功能…": a unit, then a word starting with 多
    if m:
        return Reading(_kind(m.group(1)), m.group(0), m.group(1))
    return Reading("exact", number(value))


def _kind(word: str) -> str:
    """at_least, approx or at_most (an upper bound, which is not a figure)."""
    if word in AT_MOST_BEFORE + AT_MOST_AFTER_UNIT:
        return "at_most"
    if word in APPROX_BEFORE + APPROX_AFTER_UNIT:
        return "approx"
    return "at_least"


def range_around(clause: str, value) -> str | None:
    """The range ("3至5场") the number belongs to, if the clause gives one."""
    n = re.escape(number(value))
    m = re.search(
        rf"(?<![\d.])(?:\d+(?:\.\d+)?{UNIT_GAP}?\s*{RANGE_JOINERS}\s*{n}|{n}{UNIT_GAP}?\s*{RANGE_JOINERS}\s*\d+(?:\.\d+)?)",
        clause,
    )
    return m.group(0) if m else None


def count_words(clause: str) -> list[str]:
    """Counts said in words ("上百", "近千") in the clause."""
    return COUNT_WORDS.findall(clause)


def approx_word(value, evidence: str) -> str:
    """The source's own word for an approximate number: 近 when it said 近/将近/接近, else 约."""
    reading = read(evidence or "", value)
    if reading and reading.word in ("近", "将近", "接近"):
        return "近"
    return "约"
