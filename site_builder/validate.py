"""Check the raw YAML documents and turn them into typed records.

Every problem is collected (file, line, field, what is wrong, what is expected) and raised
together as one ``DataError``; nothing downstream ever sees half-valid data. The checks
encode the curation rules: numbers are plain positive numbers, the "多/余/近/约" of the
article lives in ``qualifier`` (and must agree with the evidence clause), units agree with
the metric catalogue, a figure appears once, highlights cite figures that exist.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from . import qualifiers
from .errors import DataError, Problem, hint_closest
from .evidence import closest_passage, is_verbatim
from .model import (
    HONOUR_KINDS,
    Category,
    Change,
    Dataset,
    DatasetInfo,
    Figure,
    Highlight,
    Honour,
    Metric,
    Region,
    RegionYear,
    Source,
)
from .qualifiers import QUALIFIERS
from .yamlio import LineDict, LineList, read_yaml

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
YEAR_DIR = re.compile(r"^\d{4}$")
# A count above this is almost certainly a typo (an extra 0); the article's largest is 800.
MAX_VALUE = 1_000_000
# Units whose values may have decimals; every other unit counts things.
DECIMAL_UNITS = {"亿元", "万元", "元", "%"}
FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")


@dataclass(frozen=True)
class Field:
    """What one field of a record must hold."""

    kind: str  # text | slug | int | bool | number | choice | slugs | texts | clauses | ints | date
    required: bool = True
    choices: tuple = ()


class FileChecker:
    """Collects the problems of one file; helpers return cleaned values or None."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []

    def add(self, line: int, field: str, what: str, expected: str) -> None:
        self.problems.append(Problem(self.shown, line, f"字段 {field}：{what}。应为：{expected}。"))

    def mapping(self, node, where: str, line: int) -> LineDict | None:
        if isinstance(node, LineDict):
            return node
        self.add(line, where, f"这里是{_kind_name(node)}", "键: 值 形式的映射（每行“名称: 内容”）")
        return None

    def items(self, node, where: str, line: int) -> LineList | None:
        if isinstance(node, LineList):
            return node
        self.add(line, where, f"这里是{_kind_name(node)}", "列表（每项以“- ”开头）")
        return None

    def record(
        self, node: LineDict, where: str, spec: dict[str, Field], also_known: tuple = ()
    ) -> dict | None:
        """Check one mapping against ``spec``; None if any field is wrong.

        ``where`` prefixes field names in messages ("" for a file's top level);
        ``also_known`` are keys the caller checks itself.
        """
        before = len(self.problems)
        known = [*spec, *also_known]
        for key in node:
            if key not in known:
                self.add(
                    node.line_of(key),
                    _join(where, key),
                    f"未知字段{hint_closest(key, known)}",
                    "以下字段之一：" + "、".join(known),
                )
        clean = {}
        for name, field in spec.items():
            if name not in node or (node[name] is None and not field.required):  # left empty
                if field.required:
                    self.add(node.line, _join(where, name), "缺少这个必填字段", _expected(field))
                continue
            clean[name] = self.value(node[name], field, _join(where, name), node.line_of(name))
        return clean if len(self.problems) == before else None

    def value(self, raw, field: Field, where: str, line: int):
        kind = field.kind
        if kind in ("text", "slug", "choice"):
            if kind == "choice" and raw in field.choices:
                return raw
            if not isinstance(raw, str) or not raw.strip():
                if kind == "choice":
                    self.add(
                        line,
                        where,
                        f"“{raw}”不是可选值{hint_closest(str(raw), field.choices)}",
                        _expected(field),
                    )
                else:
                    self.add(line, where, f"这里是{_kind_name(raw)}", _expected(field))
                return None
            if kind == "slug" and not SLUG.match(raw):
                self.add(line, where, f"“{raw}”含有不允许的字符", _expected(field))
                return None
            if kind == "choice":
                self.add(
                    line,
                    where,
                    f"“{raw}”不是可选值{hint_closest(raw, field.choices)}",
                    _expected(field),
                )
                return None
            return raw.strip()
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            self.add(line, where, f"“{raw}”不是 true/false", _expected(field))
            return None
        if kind == "int":
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            self.add(line, where, f"“{raw}”不是整数", _expected(field))
            return None
        if kind == "number":
            return self.number(raw, where, line)
        if kind == "date":
            text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                try:
                    return dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    pass
            self.add(line, where, f"“{raw}”不是日期", _expected(field))
            return None
        if kind == "ints":
            items = self.items(raw, where, line)
            if items is None:
                return None
            values = [
                self.value(v, Field("int"), f"{where}[{i + 1}]", items.line_of(i))
                for i, v in enumerate(items)
            ]
            return None if any(v is None for v in values) else tuple(values)
        if kind == "clauses" and isinstance(raw, str):
            raw = LineList([raw])  # one clause may be written without the list
            raw.line, raw.item_lines = line, [line]
        if kind in ("slugs", "texts", "clauses"):
            items = self.items(raw, where, line)
            if items is None:
                return None
            inner = Field("slug" if kind == "slugs" else "text")
            values = [
                self.value(v, inner, f"{where}[{i + 1}]", items.line_of(i))
                for i, v in enumerate(items)
            ]
            return None if any(v is None for v in values) else tuple(values)
        raise ValueError(kind)  # pragma: no cover - programming error

    def number(self, raw, where: str, line: int):
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            self.add(line, where, f"这里是{_kind_name(raw)}", "不带单位的阿拉伯数字，如 9")
            return None
        if isinstance(raw, str):
            what, expected = _diagnose_number_text(raw)
            self.add(line, where, what, expected)
            return None
        if not math.isfinite(raw):
            self.add(line, where, f"“{raw}”不是有限的数", "不带单位的阿拉伯数字，如 9")
            return None
        return raw


def _join(where: str, key) -> str:
    return f"{where}.{key}" if where else str(key)


def _kind_name(node) -> str:
    if node is None:
        return "空值"
    if isinstance(node, bool):
        return f"布尔值 {str(node).lower()}"
    if isinstance(node, dict):
        return "映射（键: 值）"
    if isinstance(node, list):
        return "列表"
    if isinstance(node, int | float):
        return f"数字 {node}"
    return f"文字“{node}”"


def _expected(field: Field) -> str:
    return {
        "text": "一段文字",
        "slug": "小写英文字母、数字和下划线组成的 id，如 micro_consultations",
        "int": "整数，如 3",
        "bool": "true 或 false",
        "number": "不带单位的阿拉伯数字，如 9",
        "slugs": "id 的列表，如 [micro_consultations, research_reports]",
        "texts": "文字的列表，如 [场次]",
        "ints": "整数的列表，如 [2, 1]",
        "date": "年-月-日，如 2026-11-27",
        "clauses": "原文摘句的列表，每句从来源原文一字不改地复制，如 [组织对口协商9场]",
        "choice": "以下之一：" + "、".join(map(str, field.choices)),
    }[field.kind]


def _diagnose_number_text(text: str) -> tuple[str, str]:
    """Explain why a quoted or unit-bearing value is not a number, and how to write it."""
    t = text.strip()
    if any("０" <= c <= "９" for c in t):
        return f"“{text}”用了全角数字", f"半角阿拉伯数字，如 {t.translate(FULL_WIDTH)}"
    m = re.match(r"^\D{0,2}?\s*(\d+(?:\.\d+)?)\s*(.*)$", t)
    reading = qualifiers.read(t, float(m.group(1))) if m else None
    if reading and reading.qualifier != "exact":
        return (
            f"“{text}”把“{reading.word}”写进了数值",
            f"value 只写数字 {m.group(1)}，限定词写在 qualifier 字段（qualifier: {reading.qualifier}）",
        )
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(.*)$", t)
    if m and m.group(2):
        return (
            f"“{text}”带了单位或其他文字",
            f"value 只写数字 {m.group(1)}，单位写在 unit 字段（unit: {m.group(2)}）",
        )
    if m:
        return f"“{text}”加了引号，成了文字", f"去掉引号，直接写 {m.group(1)}"
    if CHINESE_NUMERAL.search(t):
        return f"“{text}”是中文数字", "阿拉伯数字，如 九 写作 9、十二 写作 12"
    return f"“{text}”不是数字", "不带单位的阿拉伯数字，如 9"


REGION_FIELDS = {
    "id": Field("slug"),
    "name": Field("text"),
    "kind": Field("choice", choices=("区", "市", "县")),
    "order": Field("int"),
    "tile": Field("ints", required=False),
}
# Site paths a region id would collide with (a year, such as 2024, is refused too).
RESERVED_IDS = ("methods", "downloads", "embed", "assets", "search", "feed", "sitemap")
CATEGORY_FIELDS = {"id": Field("slug"), "name": Field("text"), "description": Field("text")}
METRIC_FIELDS = {
    "id": Field("slug"),
    "name": Field("text"),
    "category": Field("slug"),
    "unit": Field("text"),
    "unit_aliases": Field("texts", required=False),
    "definition": Field("text"),
    "comparable": Field("bool"),
    "related": Field("slug", required=False),
    "caveat": Field("text", required=False),
}
LICENCE_FIELDS = {"name": Field("text"), "title": Field("text"), "path": Field("text")}
# Unknown metadata is left out (or empty), never guessed: the site shows it as 未知.
SOURCE_FIELDS = {
    "title": Field("text"),
    "covers": Field("slugs"),
    "byline": Field("text", required=False),
    "publisher": Field("text", required=False),
    "date": Field("text", required=False),
    "url": Field("text", required=False),
    "language": Field("text", required=False),
}
SOURCE_METADATA = ("byline", "publisher", "date", "url", "language")
REPORT_HEAD_FIELDS = {
    "source": Field("slug"),
    "region": Field("slug"),
    "summary": Field("text"),
    "key_figures": Field("slugs", required=False),
}
REPORT_LISTS = ("figures", "highlights", "honours")  # lists of records, checked one by one
FIGURE_FIELDS = {
    "metric": Field("slug"),
    "value": Field("number"),
    "unit": Field("text"),
    "qualifier": Field("choice", choices=tuple(QUALIFIERS)),
    "evidence": Field("text"),
    "note": Field("text", required=False),
    "source": Field("slug", required=False),
}
HIGHLIGHT_FIELDS = {
    "title": Field("text"),
    "text": Field("text"),
    "figures": Field("slugs"),
    "evidence": Field("clauses"),
    "source": Field("slug", required=False),
}
HONOUR_FIELDS = {
    "kind": Field("choice", choices=HONOUR_KINDS),
    "text": Field("text"),
    "evidence": Field("clauses"),
    "source": Field("slug", required=False),
    "holder": Field("text", required=False),
}


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _list_of_records(chk: FileChecker, doc: LineDict, key: str, spec: dict, required=True):
    """The records under ``doc[key]``: list of (cleaned dict, line), skipping bad ones."""
    if key not in doc:
        if required:
            chk.add(doc.line, key, "缺少这个必填字段", "列表（每项以“- ”开头）")
        return []
    items = chk.items(doc[key], key, doc.line_of(key))
    if items is None:
        return []
    out = []
    for i, item in enumerate(items):
        where = f"{key}[{i + 1}]"
        node = chk.mapping(item, where, items.line_of(i))
        if node is not None:
            clean = chk.record(node, where, spec)
            if clean is not None:
                out.append((clean, node))
    return out


def _read_top(
    path: Path, root: Path, problems: list[Problem]
) -> tuple[LineDict | None, FileChecker]:
    shown = _shown(path, root)
    chk = FileChecker(shown)
    doc, read_problems = read_yaml(path, shown)
    problems.extend(read_problems)
    if read_problems:
        return None, chk
    if not isinstance(doc, LineDict):
        chk.add(
            1,
            "（文件顶层）",
            f"文件顶层是{_kind_name(doc)}",
            "键: 值 形式的映射，参照同目录下其他文件的写法",
        )
        return None, chk
    return doc, chk


def _unique(chk: FileChecker, rows, key: str, where: str):
    seen = set()
    for i, (clean, node) in enumerate(rows):
        if clean[key] in seen:
            chk.add(
                node.line_of(key),
                f"{where}[{i + 1}].{key}",
                f"“{clean[key]}”重复出现",
                "每个 id 只出现一次",
            )
        seen.add(clean[key])


def _declared_ids(doc, key: str) -> set[str]:
    """Ids written under ``doc[key]`` even in records that failed validation.

    Lets later files be checked against what the editor meant to declare, so one typo in
    metrics.yaml does not echo as "unknown metric" in every region file.
    """
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return set()
    return {
        item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _load_regions(root: Path, problems: list[Problem]) -> tuple[list[Region], set[str]]:
    doc, chk = _read_top(root / "regions.yaml", root, problems)
    regions = []
    if doc is not None:
        rows = _list_of_records(chk, doc, "regions", REGION_FIELDS)
        _unique(chk, rows, "id", "regions")
        _unique(chk, rows, "order", "regions")
        tiles: dict[tuple, str] = {}
        for i, (clean, node) in enumerate(rows):
            where = f"regions[{i + 1}]"
            if clean["id"] in RESERVED_IDS or YEAR_DIR.match(clean["id"]):
                chk.add(
                    node.line_of("id"),
                    f"{where}.id",
                    f"“{clean['id']}”与网站的路径重名",
                    "不是 " + "、".join(RESERVED_IDS) + " 或年份的拼音 id",
                )
            tile = clean.get("tile")
            if tile is None:
                continue
            if len(tile) != 2 or min(tile) < 0:
                chk.add(
                    node.line_of("tile"),
                    f"{where}.tile",
                    f"{list(tile)} 不是一个方格位置",
                    "[列, 行]：两个不小于 0 的整数，如 [2, 1]（上为北）",
                )
            elif tuple(tile) in tiles:
                chk.add(
                    node.line_of("tile"),
                    f"{where}.tile",
                    f"方格 {list(tile)} 已经给了 {tiles[tuple(tile)]}",
                    "每个地区占一个不同的方格",
                )
            tiles.setdefault(tuple(tile), clean["id"])
        regions = [Region(**clean) for clean, _ in rows]
        for key in doc:
            if key != "regions":
                chk.add(
                    doc.line_of(key), key, f"未知字段{hint_closest(key, ['regions'])}", "regions"
                )
    problems.extend(chk.problems)
    return sorted(regions, key=lambda r: r.order), _declared_ids(doc, "regions")


def _load_metrics(
    root: Path, problems: list[Problem]
) -> tuple[list[Category], list[Metric], set[str]]:
    doc, chk = _read_top(root / "metrics.yaml", root, problems)
    categories, metrics = [], []
    if doc is not None:
        for key in doc:
            if key not in ("categories", "metrics"):
                chk.add(
                    doc.line_of(key),
                    key,
                    f"未知字段{hint_closest(key, ['categories', 'metrics'])}",
                    "categories 或 metrics",
                )
        cat_rows = _list_of_records(chk, doc, "categories", CATEGORY_FIELDS)
        _unique(chk, cat_rows, "id", "categories")
        categories = [Category(**clean) for clean, _ in cat_rows]
        cat_ids = [c.id for c in categories]
        rows = _list_of_records(chk, doc, "metrics", METRIC_FIELDS)
        _unique(chk, rows, "id", "metrics")
        for i, (clean, node) in enumerate(rows):
            if clean["category"] not in cat_ids:
                chk.add(
                    node.line_of("category"),
                    f"metrics[{i + 1}].category",
                    f"未知类别“{clean['category']}”{hint_closest(clean['category'], cat_ids)}",
                    "categories 中的一个 id：" + "、".join(cat_ids),
                )
                continue
            metrics.append(
                Metric(
                    **{
                        **clean,
                        "unit_aliases": clean.get("unit_aliases") or (),
                        "related": clean.get("related") or "",
                        "caveat": clean.get("caveat") or "",
                    }
                )
            )
        declared = {m.id for m in metrics}
        for i, (clean, node) in enumerate(rows):
            related = clean.get("related")
            if related and related not in declared:
                chk.add(
                    node.line_of("related"),
                    f"metrics[{i + 1}].related",
                    f"指标目录里没有“{related}”{hint_closest(related, declared)}",
                    "metrics 中另一个指标的 id",
                )
    problems.extend(chk.problems)
    return categories, metrics, _declared_ids(doc, "metrics")


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _check_figure(
    chk: FileChecker, clean: dict, node: LineDict, where: str, metrics: dict, declared: set
) -> bool:
    ok = clean["metric"] in metrics
    metric = metrics.get(clean["metric"])
    if clean["metric"] not in declared:
        chk.add(
            node.line_of("metric"),
            f"{where}.metric",
            f"指标目录里没有“{clean['metric']}”{hint_closest(clean['metric'], metrics)}",
            "data/metrics.yaml 中的一个指标 id（新指标请先加到目录里）",
        )
        ok = False
    value = clean["value"]
    line = node.line_of("value")
    if value < 0:
        chk.add(line, f"{where}.value", f"{value} 是负数", "正数：原文里的数字都是正数")
        return False
    if value == 0:
        chk.add(
            line,
            f"{where}.value",
            "数值为 0",
            "原文给出的正数；原文没有报告的指标不要写 0，而是删去这一条（缺失不等于零）",
        )
        return False
    if value > MAX_VALUE:
        chk.add(
            line,
            f"{where}.value",
            f"{value} 大得不合常理",
            f"不超过 {MAX_VALUE:,} 的数；请核对是否多打了 0",
        )
        return False
    if metric is not None:
        if isinstance(value, float) and not value.is_integer() and metric.unit not in DECIMAL_UNITS:
            chk.add(
                line, f"{where}.value", f"{value} 不是整数，而“{metric.unit}”是计数单位", "整数"
            )
            ok = False
        allowed = (metric.unit, *metric.unit_aliases)
        if clean["unit"] not in allowed:
            chk.add(
                node.line_of("unit"),
                f"{where}.unit",
                f"单位“{clean['unit']}”与指标 {metric.id} 的单位不一致",
                "、".join(allowed) + "（或在 data/metrics.yaml 为该指标补充 unit_aliases）",
            )
            ok = False
    shown = _number_text(value)
    evidence = clean["evidence"]
    eline = node.line_of("evidence")
    reading = qualifiers.read(evidence, value)
    if reading is None:
        words = qualifiers.count_words(evidence)
        if words:
            what = f"原文摘句用文字“{'、'.join(words)}”表示数量，里面没有阿拉伯数字 {shown}"
            expected = "以阿拉伯数字写出的数字才记为 figure；用文字表示的约数（上百、近千）不记，可写进亮点"
        else:
            what, expected = (
                f"原文摘句里找不到数值 {shown}",
                "原文中包含这个数字的最短原句，一字不改",
            )
        chk.add(eline, f"{where}.evidence", what, expected)
        return False
    span = qualifiers.range_around(evidence, value)
    if span:
        chk.add(
            line,
            f"{where}.value",
            f"原文写的是一个范围“{span}”，不是一个数字",
            "范围不记为 figure（可写进 note 或亮点）；如果原文另有确切数字，改用那一句",
        )
        return False
    if reading.qualifier != clean["qualifier"]:
        if reading.qualifier != "exact":
            what = f"原文写作“{reading.said}”，qualifier 却是 {clean['qualifier']}"
        else:
            what = (
                f"原文摘句里数值 {shown} 前后没有“多/余/以上/近/约/左右”等，"
                f"qualifier 却是 {clean['qualifier']}"
            )
        chk.add(
            node.line_of("qualifier"),
            f"{where}.qualifier",
            what,
            f"qualifier: {reading.qualifier}（{QUALIFIERS[reading.qualifier]}）",
        )
        ok = False
    return ok


@dataclass
class YearSources:
    """The sources of one year, with their texts (for checking only, never published)."""

    year: int
    sources: dict[str, Source]
    texts: dict[str, str]
    shown: dict[str, str]  # source id -> the text file as messages print it
    others: dict[str, int]  # source ids of other years -> their year (for a precise hint)
    broken: set[str]  # source files of this year that failed their own checks


def _cited_source(
    chk: FileChecker,
    node: LineDict,
    where: str,
    default: str | None,
    srcs: YearSources,
    region_id: str | None,
) -> str | None:
    """The source an item cites (its own ``source:`` or the file's); None if it is unusable."""
    if "source" not in node:
        return default
    sid = node["source"]
    field = _join(where, "source")
    line = node.line_of("source")
    if sid in srcs.others:
        chk.add(
            line,
            field,
            f"来源 {sid} 属于 {srcs.others[sid]} 年（存放在 data/{srcs.others[sid]}/sources/）",
            f"data/{srcs.year}/sources/ 中的一个来源 id；来源放在它所记述的年份之下",
        )
        return None
    if sid in srcs.broken:
        return None  # the source file's own problems are reported already
    if sid not in srcs.sources:
        known = sorted(srcs.sources)
        chk.add(
            line,
            field,
            f"data/{srcs.year}/sources/ 里没有来源“{sid}”{hint_closest(sid, known)}",
            (f"以下之一：{'、'.join(known)}" if known else f"先在 data/{srcs.year}/sources/ 放入")
            + "（来源 = sources/<id>.yaml 加同名 .txt 原文）",
        )
        return None
    covers = srcs.sources[sid].covers
    if region_id is not None and region_id not in covers:
        chk.add(
            line,
            field,
            f"来源 {sid} 的 covers 里没有 {region_id}",
            f"记述了这个地区的来源；若该来源确实写到了 {region_id}，把它加进来源的 covers",
        )
        return None
    return sid


def _check_clauses(
    chk: FileChecker, clauses, node: LineDict, where: str, sid: str | None, srcs: YearSources
) -> bool:
    """Each clause verbatim in the cited source's text; report the first difference if not."""
    if sid is None:
        return False
    text = srcs.texts[sid]
    ok = True
    items = node.get("evidence")
    for i, clause in enumerate(clauses):
        if is_verbatim(clause, text):
            continue
        ok = False
        line = items.line_of(i) if isinstance(items, LineList) else node.line_of("evidence")
        field = _join(where, "evidence") + (f"[{i + 1}]" if isinstance(items, LineList) else "")
        mismatch = closest_passage(clause, text)
        chk.add(
            line,
            field,
            f"“{clause}”不在来源 {srcs.shown[sid]} 中：{mismatch.describe()}",
            "从来源原文一字不改地复制（标点的全角、半角也要一致）",
        )
    return ok


def _load_report(
    path: Path, root: Path, year: int, known: tuple, srcs: YearSources, problems
) -> RegionYear | None:
    regions, region_decl, metrics, metric_decl = known
    doc, chk = _read_top(path, root, problems)
    if doc is None:
        problems.extend(chk.problems)
        return None
    head = chk.record(doc, "", REPORT_HEAD_FIELDS, also_known=REPORT_LISTS) or {}
    region_id = head.get("region")
    if region_id is not None:
        if region_id not in region_decl:
            chk.add(
                doc.line_of("region"),
                "region",
                f"地区表里没有“{region_id}”{hint_closest(region_id, region_decl)}",
                "data/regions.yaml 中的一个地区 id",
            )
        elif region_id != path.stem:
            chk.add(
                doc.line_of("region"),
                "region",
                f"文件名是 {path.name}，region 却是 {region_id}",
                f"二者一致：把文件改名为 {region_id}.yaml，或把 region 改为 {path.stem}",
            )
    file_source = None
    if head.get("source") is not None:
        file_source = _cited_source(chk, doc, "", None, srcs, region_id)
    figures, seen = [], {}
    raw_figures = doc.get("figures")
    # Highlights may cite a figure that failed its own checks: that problem is already reported.
    named = (
        {f.get("metric") for f in raw_figures if isinstance(f, dict)}
        if isinstance(raw_figures, list)
        else set()
    )
    for i, (clean, node) in enumerate(_list_of_records(chk, doc, "figures", FIGURE_FIELDS)):
        where = f"figures[{i + 1}]"
        sid = _cited_source(chk, node, where, file_source, srcs, region_id)
        if not _check_figure(chk, clean, node, where, metrics, metric_decl):
            continue
        if not _check_clauses(chk, (clean["evidence"],), node, where, sid, srcs):
            continue
        if clean["metric"] in seen:
            chk.add(
                node.line_of("metric"),
                f"{where}.metric",
                f"指标 {clean['metric']} 重复，第 {seen[clean['metric']]} 行已经有它",
                "同一地区同一年每个指标只有一条；原文合计的数字保持合计，不要拆分或重复",
            )
            continue
        seen[clean["metric"]] = node.line_of("metric")
        figures.append(
            Figure(
                year=year,
                region_id=region_id or path.stem,
                metric_id=clean["metric"],
                value=clean["value"],
                unit=clean["unit"],
                qualifier=clean["qualifier"],
                evidence=clean["evidence"],
                note=clean.get("note") or "",
                source_id=sid or "",
            )
        )
    highlights = []
    for i, (clean, node) in enumerate(
        _list_of_records(chk, doc, "highlights", HIGHLIGHT_FIELDS, required=False)
    ):
        where = f"highlights[{i + 1}]"
        cited = node["figures"]
        for j, fid in enumerate(clean["figures"]):
            if fid not in seen and fid not in named:
                chk.add(
                    cited.line_of(j),
                    f"{where}.figures",
                    f"引用的数字“{fid}”不在本文件的 figures 里{hint_closest(fid, seen)}",
                    "本文件 figures 中某条的 metric id",
                )
        sid = _cited_source(chk, node, where, file_source, srcs, region_id)
        clauses = clean["evidence"]
        if not clauses:
            chk.add(
                node.line_of("evidence"),
                f"{where}.evidence",
                "没有列出任何原文摘句",
                "至少一句支持这条亮点的原文摘句：亮点里的每一处说法都要有原文依据",
            )
        _check_clauses(chk, clauses, node, where, sid, srcs)
        highlights.append(
            Highlight(clean["title"], clean["text"], clean["figures"], clauses, sid or "")
        )
    key_figures = head.get("key_figures") or tuple(f.metric_id for f in figures[:4])
    if "key_figures" in doc and isinstance(doc["key_figures"], LineList):
        for j, fid in enumerate(head.get("key_figures") or ()):
            if fid not in seen and fid not in named:
                chk.add(
                    doc["key_figures"].line_of(j),
                    "key_figures",
                    f"“{fid}”不在本文件的 figures 里{hint_closest(fid, seen)}",
                    "本文件 figures 中某条的 metric id",
                )
    honours = []
    for i, (clean, node) in enumerate(
        _list_of_records(chk, doc, "honours", HONOUR_FIELDS, required=False)
    ):
        where = f"honours[{i + 1}]"
        sid = _cited_source(chk, node, where, file_source, srcs, region_id)
        _check_clauses(chk, clean["evidence"], node, where, sid, srcs)
        honours.append(
            Honour(
                clean["kind"],
                clean["text"],
                clean["evidence"],
                sid or "",
                clean.get("holder") or "",
            )
        )
    problems.extend(chk.problems)
    if chk.problems or region_id is None or file_source is None:
        return None
    return RegionYear(
        year,
        region_id,
        file_source,
        head["summary"],
        tuple(figures),
        tuple(key_figures),
        tuple(highlights),
        tuple(honours),
    )


def _read_source_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The source text exactly as stored (a UTF-8 BOM is not part of it)."""
    if not path.exists():
        problems.append(
            Problem(
                shown,
                1,
                "找不到来源原文。应为：与同名 .yaml 放在一起的原文文本文件（UTF-8），"
                "内容是来源发布时的全文，一字不改。",
            )
        )
        return None
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                shown,
                raw[: exc.start].count(b"\n") + 1,
                "来源原文不是 UTF-8 编码。应为：UTF-8 编码；用记事本或 VS Code 打开，"
                "“另存为”时编码选“UTF-8”。",
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(shown, 1, "来源原文是空的。应为：来源发布时的全文。"))
        return None
    return text


def _load_sources(
    year_dir: Path, root: Path, year: int, region_decl: set, seen_ids: dict, problems
) -> tuple[dict[str, Source], dict[str, str], dict[str, str]]:
    """``data/<year>/sources/<id>.yaml`` with its ``<id>.txt``; ids unique across years."""
    folder = year_dir / "sources"
    shown_dir = _shown(folder, root) + "/"
    sources, texts, shown_texts = {}, {}, {}
    metas = sorted(p for p in folder.glob("*.y*ml")) if folder.is_dir() else []
    if not metas:
        problems.append(
            Problem(
                shown_dir,
                1,
                f"{year} 年没有来源。应为：每个来源一对文件，sources/<来源id>.yaml 写标题、作者、"
                "covers（记述了哪些地区），sources/<来源id>.txt 放原文全文。",
            )
        )
        return sources, texts, shown_texts
    for path in metas:
        sid = path.stem
        doc, chk = _read_top(path, root, problems)
        if not SLUG.match(sid):
            chk.add(
                1,
                "（文件名）",
                f"来源 id “{sid}”含有不允许的字符",
                "小写英文字母、数字和下划线组成的文件名，如 sanming_cppcc_review_2024.yaml",
            )
        elif sid in seen_ids:
            chk.add(
                1,
                "（文件名）",
                f"来源 id {sid} 已在 {seen_ids[sid]} 使用",
                "每个来源 id 在所有年份中只用一次；给这个来源换一个文件名",
            )
        clean = chk.record(doc, "", SOURCE_FIELDS) if doc is not None else None
        if clean is not None and clean.get("url") and not re.match(r"https?://", clean["url"]):
            chk.add(
                doc.line_of("url"),
                "url",
                f"“{clean['url']}”不是网址",
                "以 http:// 或 https:// 开头的原文网址；不知道就留空",
            )
        if clean is not None:
            for j, rid in enumerate(clean["covers"]):
                if rid not in region_decl:
                    chk.add(
                        doc["covers"].line_of(j),
                        "covers",
                        f"地区表里没有“{rid}”{hint_closest(rid, region_decl)}",
                        "data/regions.yaml 中的地区 id",
                    )
        text_path = path.with_suffix(".txt")
        shown_text = _shown(text_path, root)
        text = _read_source_text(text_path, shown_text, problems)
        problems.extend(chk.problems)
        seen_ids.setdefault(sid, _shown(path, root))
        if clean is None or chk.problems or text is None:
            continue
        meta = {k: clean.get(k) or "" for k in SOURCE_METADATA}
        sources[sid] = Source(
            id=sid, year=year, title=clean["title"], covers=clean["covers"], **meta
        )
        texts[sid] = text
        shown_texts[sid] = shown_text
    return sources, texts, shown_texts


def _load_info(root: Path, problems: list[Problem]) -> DatasetInfo | None:
    doc, chk = _read_top(root / "dataset.yaml", root, problems)
    info = None
    if doc is not None:
        text = Field("text")
        head = chk.record(
            doc, "", {"name": text, "title": text, "description": text}, also_known=("licence",)
        )
        licence = None
        if "licence" not in doc:
            chk.add(doc.line, "licence", "缺少这个必填字段", "包含 name、title、path 的映射")
        else:
            node = chk.mapping(doc["licence"], "licence", doc.line_of("licence"))
            licence = chk.record(node, "licence", LICENCE_FIELDS) if node is not None else None
        if head and licence and not chk.problems:
            info = DatasetInfo(
                head["name"],
                head["title"],
                head["description"],
                licence["name"],
                licence["title"],
                licence["path"],
            )
    problems.extend(chk.problems)
    return info


CHANGE_FIELDS = {
    "date": Field("date"),
    "edition": Field("int"),
    "what": Field("text"),
    "why": Field("text"),
}


def _load_changes(root: Path, years: list[int], problems: list[Problem]) -> list[Change]:
    """``data/changelog.yaml``: every dated change to a published edition, and each edition's
    first entry (its publication)."""
    path = root / "changelog.yaml"
    shown = _shown(path, root)
    if not path.exists():
        problems.append(
            Problem(
                shown,
                1,
                "缺少更新记录。应为：data/changelog.yaml，每个版本至少一条（日期、版本年份、改了什么、为什么），"
                "第一条即该版本的发布。",
            )
        )
        return []
    doc, chk = _read_top(path, root, problems)
    changes = []
    if doc is not None:
        for key in doc:
            if key != "entries":
                chk.add(
                    doc.line_of(key), key, f"未知字段{hint_closest(key, ['entries'])}", "entries"
                )
        for i, (clean, node) in enumerate(_list_of_records(chk, doc, "entries", CHANGE_FIELDS)):
            if clean["edition"] not in years:
                chk.add(
                    node.line_of("edition"),
                    f"entries[{i + 1}].edition",
                    f"没有 {clean['edition']} 年版（data/ 下没有这个年份文件夹）",
                    "以下年份之一：" + "、".join(map(str, years)),
                )
                continue
            changes.append(Change(clean["date"], clean["edition"], clean["what"], clean["why"]))
        listed = {c.edition for c in changes}
        for year in years:
            if year not in listed and not chk.problems:
                chk.add(
                    doc.line,
                    "entries",
                    f"{year} 年版没有更新记录",
                    f"为 {year} 年版加一条记录（它的发布日期、内容和原因）",
                )
    problems.extend(chk.problems)
    return sorted(changes, key=lambda c: (c.date, c.edition))


def load_dataset(root: Path | str = "data") -> Dataset:
    """Read and validate everything under ``root``; raise ``DataError`` listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise DataError(
            [Problem(root.as_posix(), 1, "找不到数据目录。应为：项目根目录下的 data/ 文件夹。")]
        )
    regions, region_decl = _load_regions(root, problems)
    categories, metrics, metric_decl = _load_metrics(root, problems)
    known = ({r.id: r for r in regions}, region_decl, {m.id: m for m in metrics}, metric_decl)
    info = _load_info(root, problems)
    dataset = Dataset(info, regions, categories, metrics, sources={})
    year_dirs = sorted(p for p in root.iterdir() if p.is_dir() and YEAR_DIR.match(p.name))
    if not year_dirs:
        problems.append(
            Problem(
                _shown(root, root),
                1,
                "没有年份文件夹。应为：data/2024/ 这样的文件夹，内含 sources/ 和各地区文件。",
            )
        )
    seen_ids: dict[str, str] = {}
    by_year = {}
    for year_dir in year_dirs:
        year = int(year_dir.name)
        found = _load_sources(year_dir, root, year, region_decl, seen_ids, problems)
        by_year[year] = found
        dataset.sources.update(found[0])
    source_year = {s.id: s.year for s in dataset.sources.values()}
    for year_dir in year_dirs:
        year = int(year_dir.name)
        sources, texts, shown = by_year[year]
        others = {sid: y for sid, y in source_year.items() if y != year}
        present = {p.stem for p in (year_dir / "sources").glob("*.y*ml")}
        srcs = YearSources(year, sources, texts, shown, others, present - set(sources))
        files = sorted(p for p in year_dir.iterdir() if p.suffix in (".yaml", ".yml"))
        for old in (p for p in files if p.stem == "source"):
            problems.append(
                Problem(
                    _shown(old, root),
                    1,
                    "source.yaml 是旧的写法。应为：来源放在 sources/ 文件夹，每个来源一对文件"
                    "（<来源id>.yaml 写元数据，<来源id>.txt 放原文），地区文件顶部写 source: <来源id>。",
                )
            )
        region_files = [p for p in files if p.stem != "source"]
        if not region_files:
            problems.append(
                Problem(
                    _shown(year_dir, root) + "/",
                    1,
                    "年份文件夹里没有地区文件。应为：至少一个 <地区id>.yaml（如 sanyuan.yaml），否则删去这个文件夹。",
                )
            )
            continue
        for path in region_files:
            report = _load_report(path, root, year, known, srcs, problems)
            if report:
                dataset.reports.append(report)
        have = {p.stem for p in region_files}
        for sid, source in sources.items():
            for rid in source.covers:
                if rid not in have:
                    problems.append(
                        Problem(
                            shown[sid].removesuffix(".txt") + ".yaml",
                            1,
                            f"字段 covers：列出了 {rid}，但 data/{year}/ 没有 {rid}.yaml。"
                            f"应为：为 {rid} 建立地区文件（它的数字、亮点都来自这个来源），"
                            "或者从 covers 中删去它。",
                        )
                    )
    dataset.changes = _load_changes(root, [int(d.name) for d in year_dirs], problems)
    if problems:
        raise DataError(problems)
    order = {r.id: r.order for r in regions}
    dataset.reports.sort(key=lambda r: (r.year, order[r.region_id]))
    return dataset
