"""Evidence clauses against the source texts they quote.

Every figure, highlight and honour cites short clauses of a source stored under
``data/<year>/sources/<id>.txt``. A clause counts only if it is in that text character for
character: no normalisation, because an editor pasting "，" where the source has "," has
changed the quotation. When a clause is not found, the editor is shown the closest passage
of the source and the first character that differs, which is usually the whole fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 6  # characters of the source shown either side of the closest passage


@dataclass(frozen=True)
class Mismatch:
    """Where a clause and the closest passage of the source part ways."""

    passage: str  # the closest passage, as long as the clause
    position: int  # 1-based position of the first differing character in the clause
    clause_char: str  # "" when the clause ended first
    source_char: str  # "" when the passage ended first

    def describe(self) -> str:
        said = _shown(self.clause_char)
        source = _shown(self.source_char)
        return (
            f"第 {self.position} 个字符是{said}，原文此处是{source}；"
            f"原文最接近的一段是“{self.passage}”"
        )


def _shown(char: str) -> str:
    if not char:
        return "（结尾）"
    if char.isspace():
        return f"空白字符（U+{ord(char):04X}）"
    width = "全角" if ord(char) > 0xFF00 or char in "，。；：！？（）" else ""
    return f"“{char}”{'（' + width + '）' if width else ''}"


def is_verbatim(clause: str, text: str) -> bool:
    return bool(clause) and clause in text


def closest_passage(clause: str, text: str) -> Mismatch:
    """The passage of ``text`` most like ``clause``, and the first character that differs.

    Scores every window of the clause's length (and one shorter or longer, for a dropped
    or added character) by similarity, preferring the longest common prefix on ties, so
    the reported position is the first place the editor's copy went wrong.
    """
    n = len(clause)
    best_start, best_key = 0, (-1.0, -1)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(clause)
    for size in sorted({n, n + 1, max(1, n - 1)}):
        for start in range(0, max(1, len(text) - size + 1)):
            window = text[start : start + size]
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() < best_key[0] or matcher.quick_ratio() < best_key[0]:
                continue
            key = (matcher.ratio(), _common_prefix(clause, window))
            if key > best_key:
                best_start, best_key = start, key
    passage = text[best_start : best_start + n]
    i = _common_prefix(clause, text[best_start:])
    return Mismatch(
        passage=passage,
        position=i + 1,
        clause_char=clause[i] if i < n else "",
        source_char=text[best_start + i] if best_start + i < len(text) else "",
    )


def _common_prefix(a: str, b: str) -> int:
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    return i


# Characters that may stand between two quoted clauses without making them two quotations:
# quoted clauses joined by no more than punctuation read as one passage of the source.
JOINERS = set(",，、;；:：。.!！?？ \n“”\"'‘’()（）《》")


@dataclass(frozen=True)
class Quoted:
    """How much of a source the site quotes."""

    share: float  # of the source's non-blank characters, inside some quoted clause
    runs: list[tuple[int, int]]  # quoted passages: clauses joined only by punctuation


def quoted(text: str, clauses) -> Quoted:
    """Every place the clauses occur in ``text``, merged into passages where only
    punctuation separates them, and the share of the text they cover."""
    inside = [False] * len(text)
    for clause in set(clauses):
        start = text.find(clause) if clause else -1
        while start >= 0:
            inside[start : start + len(clause)] = [True] * len(clause)
            start = text.find(clause, start + 1)
    runs, start, end = [], None, None
    for i, (char, hit) in enumerate(zip(text, inside, strict=True)):
        if hit:
            if start is None:
                start = i
            end = i + 1
        elif start is not None and char not in JOINERS:
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    counted = [hit for char, hit in zip(text, inside, strict=True) if not char.isspace()]
    return Quoted(sum(counted) / len(counted) if counted else 0.0, runs)
