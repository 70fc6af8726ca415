"""The honesty rules: what a figure, a report, a source or a catalogue must satisfy beyond
its types (those are ``checker``'s), each said so the editor can fix it.

- A number is a positive count as the source wrote it; missing is a missing row, never 0.
- The qualifier is the one the clause states (``qualifiers``: 多/余/以上 … 近/约/左右).
- Every clause is verbatim in the source it cites (``evidence``), and short: a clause, not
  a paragraph (the site cites sources, it does not republish them).
- A number in our own words (summary, highlight, honour) is a number of the clauses they
  rest on, with the qualifier those clauses give it.
- Units agree with the metric catalogue; a figure appears once per region and year.
- Highlights and key figures cite figures of their file; sources cover the regions that
  cite them, and every region a source covers has its file.
- Region ids never take a site path; each has its own tile on the map.
- Every edition has its 更新记录.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import evidence, qualifiers
from .errors import Problem, closest, hint_closest
from .evidence import closest_passage, is_verbatim
from .qualifiers import QUALIFIERS
from .records import SLUG_PATTERN
from .yamlio import LineDict, LineList

# A count above this is almost certainly a typo (an extra 0); the article's largest is 800.
MAX_VALUE = 1_000_000
# A clause, not a paragraph: the article's longest cited clause has 32 characters.
MAX_CLAUSE = 60
SENTENCE_ENDS = "。！？；"
# The site cites its sources, it does not republish them: all the clauses it quotes from one
# source (figures, highlights, honours) may cover at most this share of the source's text,
# and clauses that follow one another in the source may not add up to a passage longer than
# a clause. A source shorter than QUOTE_BUDGET_FROM characters (a short notice) is exempt
# from the share: its figures alone need most of it.
MAX_QUOTED_SHARE = 1 / 3
QUOTE_BUDGET_FROM = 300
# Our own words (summaries, highlights, honours) are ours: they may repeat a short name or
# title from the source, not copy a sentence of it. The longest such run in the 2024 data is
# 24 characters (part of a clause about a hospital's facilities); a pasted sentence is longer.
MAX_COPIED_RUN = 30
SAID = {"exact": "确切数字", "at_least": "实际不少于该数", "approx": "约数", "at_most": "上限"}
OWN_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
# Units whose values may have decimals; every other unit counts things.
DECIMAL_UNITS = {"亿元", "万元", "元", "%"}
# Site paths a region id would collide with (a year, such as 2024, is refused too: an id
# starts with a letter), "map", which chart ids use (``<year>-map-<metric>``,
# ``<year>-<region>-map``), and the per-year tables beside each region's CSV.
RESERVED_IDS = (
    "index",  # <region>.md would be the overview's own page (index.md)
    "methods",
    "downloads",
    "embed",
    "assets",
    "search",
    "feed",
    "sitemap",
    "map",
    "figures",
    "honours",  # downloads/<year>/<region>.csv sits beside figures.csv, honours.csv
)


@dataclass
class Found:
    """The problems of one file, as the rules find them."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    label: str = "字段"  # "列" for a spreadsheet's columns

    def add(self, line: int, field_: str, what: str, expected: str) -> None:
        self.problems.append(Problem(self.path, line, field_, what, expected, self.label))


def join(where: str, name: str) -> str:
    """figures[2] + value -> figures[2].value; a spreadsheet row has no prefix."""
    return f"{where}.{name}" if where else name


# --- catalogues ------------------------------------------------------------------------


def unique(found: Found, items, key: str, where: str, node: LineList | None) -> None:
    seen = set()
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            line = node[i].line_of(key) if node is not None and i < len(node) else 1
            found.add(line, f"{where}[{i + 1}].{key}", f"“{value}”重复出现", "每个 id 只出现一次")
        seen.add(value)


def region_ids_and_tiles(found: Found, regions, node: LineList) -> None:
    tiles: dict[tuple, str] = {}
    for i, region in enumerate(regions):
        where, item = f"regions[{i + 1}]", node[i]
        if region.id in RESERVED_IDS or (region.id.isdigit() and len(region.id) == 4):
            found.add(
                item.line_of("id"),
                f"{where}.id",
                f"“{region.id}”与网站的路径重名",
                "不是 " + "、".join(RESERVED_IDS) + " 或年份的拼音 id",
            )
        if region.tile is None:
            continue
        if region.tile in tiles:
            found.add(
                item.line_of("tile"),
                f"{where}.tile",
                f"方格 {list(region.tile)} 已经给了 {tiles[region.tile]}",
                "每个地区占一个不同的方格",
            )
        tiles.setdefault(region.tile, region.id)


def metric_references(found: Found, metrics, categories, node: LineList) -> list:
    """Metrics whose category and related metric exist (the others are reported)."""
    cat_ids = [c.id for c in categories]
    declared = {m.id for m in metrics}
    ok = []
    for i, metric in enumerate(metrics):
        where, item = f"metrics[{i + 1}]", node[i]
        good = True
        if metric.category not in cat_ids:
            found.add(
                item.line_of("category"),
                f"{where}.category",
                f"未知类别“{metric.category}”{hint_closest(metric.category, cat_ids)}",
                "categories 中的一个 id：" + "、".join(cat_ids),
            )
            good = False
        if metric.related and metric.related not in declared:
            found.add(
                item.line_of("related"),
                f"{where}.related",
                f"指标目录里没有“{metric.related}”{hint_closest(metric.related, declared)}",
                "metrics 中另一个指标的 id",
            )
        if good:
            ok.append(metric)
    return ok


# --- figures ---------------------------------------------------------------------------


def known_metric(found: Found, metric_id: str, node: LineDict, where: str, metrics, declared):
    """The figure's metric is in the catalogue (with a "did you mean" when not)."""
    if metric_id in declared:
        return True
    found.add(
        node.line_of("metric"),
        join(where, "metric"),
        f"指标目录里没有“{metric_id}”{hint_closest(metric_id, metrics)}",
        "data/metrics.yaml 中的一个指标 id（新指标请先加到目录里）",
    )
    return False


def unit(found: Found, unit_: str, metric, node: LineDict, where: str) -> bool:
    """The figure's unit is its metric's, or one of the metric's aliases."""
    allowed = (metric.unit, *metric.unit_aliases)
    if unit_ in allowed:
        return True
    found.add(
        node.line_of("unit"),
        join(where, "unit"),
        f"单位“{unit_}”与指标 {metric.id} 的单位不一致",
        "、".join(allowed) + "（或在 data/metrics.yaml 为该指标补充 unit_aliases）",
    )
    return False


def figure_parts(found: Found, node: LineDict, where: str, bad: set, metrics, declared) -> None:
    """What can still be said of a figure some of whose fields failed their type checks
    (said already): its metric and unit, so that one bad value hides nothing else."""
    metric_id, unit_ = node.get("metric"), node.get("unit")
    if "metric" in bad or not isinstance(metric_id, str):
        return
    if not known_metric(found, metric_id, node, where, metrics, declared):
        return
    if "unit" not in bad and isinstance(unit_, str) and metric_id in metrics:
        unit(found, unit_, metrics[metric_id], node, where)


def figure(found: Found, fig, node: LineDict, where: str, metrics: dict, declared: set) -> bool:
    """A figure's number, unit and qualifier against the catalogue and its own clause."""
    metric = metrics.get(fig.metric_id)
    ok = known_metric(found, fig.metric_id, node, where, metrics, declared)
    value, line = fig.value, node.line_of("value")
    if value < 0:
        found.add(line, join(where, "value"), f"{value} 是负数", "正数：原文里的数字都是正数")
        return False
    if value == 0:
        found.add(
            line,
            join(where, "value"),
            "数值为 0",
            "原文给出的正数；原文没有报告的指标不要写 0，而是删去这一条（缺失不等于零）",
        )
        return False
    if value > MAX_VALUE:
        found.add(
            line,
            join(where, "value"),
            f"{value} 大得不合常理",
            f"不超过 {MAX_VALUE:,} 的数；请核对是否多打了 0",
        )
        return False
    if metric is not None:
        if isinstance(value, float) and not value.is_integer() and metric.unit not in DECIMAL_UNITS:
            found.add(
                line, join(where, "value"), f"{value} 不是整数，而“{metric.unit}”是计数单位", "整数"
            )
            return False  # a wrong number: its clause cannot be checked against it
        ok = unit(found, fig.unit, metric, node, where) and ok
    return qualifier(found, fig, node, where) and ok


def qualifier(found: Found, fig, node: LineDict, where: str) -> bool:
    """The number is in its clause as written, and the qualifier is the one the clause states."""
    shown = qualifiers.number(fig.value)
    reading = qualifiers.read(fig.evidence, fig.value)
    if reading is None:
        words = qualifiers.count_words(fig.evidence)
        if words:
            what = f"原文摘句用文字“{'、'.join(words)}”表示数量，里面没有阿拉伯数字 {shown}"
            expected = "以阿拉伯数字写出的数字才记为 figure；用文字表示的约数（上百、近千）不记，可写进亮点"
        else:
            what, expected = (
                f"原文摘句里找不到数值 {shown}",
                "原文中包含这个数字的一个短句，一字不改",
            )
        found.add(node.line_of("evidence"), join(where, "evidence"), what, expected)
        return False
    span = qualifiers.range_around(fig.evidence, fig.value)
    if span:
        found.add(
            node.line_of("value"),
            join(where, "value"),
            f"原文写的是一个范围“{span}”，不是一个数字",
            "范围不记为 figure（可写进 note 或亮点）；如果原文另有确切数字，改用那一句",
        )
        return False
    if reading.qualifier == "at_most":
        found.add(
            node.line_of("value"),
            join(where, "value"),
            f"原文写作“{reading.said}”，是一个上限，不是一个数字",
            "上限不记为 figure（可写进 note 或亮点）；如果原文另有确切数字，改用那一句",
        )
        return False
    if reading.qualifier != fig.qualifier:
        if reading.qualifier != "exact":
            what = f"原文写作“{reading.said}”，qualifier 却是 {fig.qualifier}"
        else:
            what = (
                f"原文摘句里数值 {shown} 前后没有“多/余/以上/近/约/左右”等，"
                f"qualifier 却是 {fig.qualifier}"
            )
        found.add(
            node.line_of("qualifier"),
            join(where, "qualifier"),
            what,
            f"{reading.qualifier}（{QUALIFIERS[reading.qualifier]}）",  # in YAML or a table
        )
        return False
    return True


def clauses(found: Found, items, node: LineDict, where: str, text: str, shown_source: str) -> bool:
    """Each clause verbatim in its source's text; the closest passage and first difference if not."""
    ok = True
    listed = node.get("evidence")
    for i, clause in enumerate(items):
        many = isinstance(listed, LineList)
        line = listed.line_of(i) if many else node.line_of("evidence")
        field_ = join(where, "evidence") + (f"[{i + 1}]" if many else "")
        ends = [ch for ch in clause.rstrip(SENTENCE_ENDS) if ch in SENTENCE_ENDS]
        if len(clause) > MAX_CLAUSE or ends:
            ok = False
            found.add(
                line,
                field_,
                f"原文摘句有 {len(clause)} 个字"
                + (f"，中间有“{ends[0]}”，不止一句" if ends else f"，超过 {MAX_CLAUSE} 个字"),
                f"一个短句（不超过 {MAX_CLAUSE} 个字）：本站引用原文作为依据，不转载段落；"
                "需要几句时分成几条摘句",
            )
            continue
        if is_verbatim(clause, text):
            continue
        ok = False
        mismatch = closest_passage(clause, text)
        found.add(
            line,
            field_,
            f"“{clause}”不在来源 {shown_source} 中：{mismatch.describe()}",
            "从来源原文一字不改地复制（标点的全角、半角也要一致）",
        )
    return ok


def own_numbers(found: Found, text: str, clauses: list[str], line: int, field_: str) -> None:
    """Every number in our own words is in a clause it rests on, with that clause's
    qualifier: "10多场次" may be said "至少 10 场次", never "10 场次"."""
    for n in dict.fromkeys(m.group(0) for m in OWN_NUMBER.finditer(text)):
        readings = [r for r in (qualifiers.read(c, n) for c in clauses) if r is not None]
        if not readings:
            found.add(
                line,
                field_,
                f"数字 {n} 不在它所依据的原文摘句里",
                "我们的话里的每个数字都出自所列的原文摘句（本条的 evidence，或它引用的数字的摘句）；"
                "改正数字，或补上包含它的原文摘句",
            )
            continue
        ours = qualifiers.read(text, n)
        if all(r.qualifier != ours.qualifier for r in readings):
            said = readings[0]
            found.add(
                line,
                field_,
                f"原文写作“{said.said}”（{SAID[said.qualifier]}），这里写成“{ours.said}”",
                "照原文的说法：“多/余/以上”写作“至少 N”，“近/约/左右”写作“近 N”或“约 N”，"
                "确切数字不加限定词",
            )


def longest_copied_run(text: str, source: str) -> str:
    """The longest stretch of ``text`` that appears character for character in ``source``."""
    best = ""
    for start in range(len(text)):
        end = start + len(best) + 1
        while end <= len(text) and text[start:end] in source:
            best, end = text[start:end], end + 1
    return best


def own_words(found: Found, text: str, sources: list[str], line: int, field_: str) -> None:
    """Our own words do not copy a run of the source longer than a name or a title."""
    run = max((longest_copied_run(text, s) for s in sources), key=len, default="")
    if len(run) > MAX_COPIED_RUN:
        found.add(
            line,
            field_,
            f"照搬了原文中连续 {len(run)} 个字（“{run[:12]}……”）",
            f"用自己的话概括，连续照搬原文不超过 {MAX_COPIED_RUN} 个字（短的名称、标题可以照写）；"
            "要引用原文，把短句写进 evidence",
        )


def cites_own_figures(
    found: Found, ids, node: LineList, where: str, known: set, named: set, prefix: str = ""
) -> None:
    """Highlights and key figures cite figures of the same file (a figure that failed its own
    checks is reported already, not again here)."""
    failed = {n for n in named if isinstance(n, str)} - known
    for j, fid in enumerate(ids):
        if fid in ids[:j]:
            found.add(
                node.line_of(j),
                where,
                f"{prefix}“{fid}”写了两次",
                "每个指标 id 只写一次",
            )
            continue
        # a cited figure that failed its own checks (even by a typo in its id) is reported
        # already; a typo in the citation of a figure that passed is this citation's problem
        if fid not in known and fid not in named and not closest(fid, failed):
            found.add(
                node.line_of(j),
                where,
                f"{prefix}“{fid}”不在本文件的 figures 里{hint_closest(fid, known)}",
                "本文件 figures 中某条的 metric id",
            )


# --- sources and coverage --------------------------------------------------------------


def source_id(found: Found, sid: str, seen: dict[str, str]) -> None:
    """A source id (its file name) is a slug, used once across all years."""
    if not re.match(SLUG_PATTERN, sid):
        found.add(
            1,
            "（文件名）",
            f"来源 id “{sid}”含有不允许的字符",
            "小写英文字母、数字和下划线组成的文件名，如 sanming_cppcc_review_2024.yaml",
        )
    elif sid in seen:
        found.add(
            1,
            "（文件名）",
            f"来源 id {sid} 已在 {seen[sid]} 使用",
            "每个来源 id 在所有年份中只用一次；给这个来源换一个文件名",
        )


def known_regions(found: Found, ids, node: LineList, field_: str, declared: set) -> None:
    """Region ids a source names in ``covers`` are declared in data/regions.yaml, once each
    (the problem names the item: ``covers[2]``)."""
    seen: dict[str, int] = {}
    for j, rid in enumerate(ids):
        where = f"{field_}[{j + 1}]"
        if rid not in declared:
            found.add(
                node.line_of(j),
                where,
                f"地区表里没有“{rid}”{hint_closest(rid, declared)}",
                "data/regions.yaml 中的地区 id",
            )
        elif rid in seen:
            found.add(
                node.line_of(j),
                where,
                f"{rid} 已经写在 {field_}[{seen[rid]}]",
                "每个地区只写一次：删去重复的这一项",
            )
        seen.setdefault(rid, j + 1)


def region_file(found: Found, doc: LineDict, region_id: str, stem: str, declared: set) -> None:
    """A region file names a declared region, and is named after it."""
    if region_id not in declared:
        found.add(
            doc.line_of("region"),
            "region",
            f"地区表里没有“{region_id}”{hint_closest(region_id, declared)}",
            "data/regions.yaml 中的一个地区 id",
        )
    elif region_id != stem:
        found.add(
            doc.line_of("region"),
            "region",
            f"文件名是 {stem}.yaml，region 却是 {region_id}",
            f"二者一致：把文件改名为 {region_id}.yaml"
            + (f"，或把 region 改为 {stem}" if stem in declared else ""),
        )


def texts_differ(problems: list[Problem], texts: list[tuple[str, int, str]]) -> None:
    """No two sources hold the same text (``texts``: (text, year, the file as shown)): a
    copied last-year source, not yet replaced by this year's document, would let last year's
    clauses pass as this year's. Across years the later one is the copy; within a year
    nothing says which, so the message names both and says what each case needs."""
    first: dict[str, tuple[int, str]] = {}
    for text, year, shown in sorted(texts, key=lambda triple: triple[1:]):
        if text not in first:
            first[text] = (year, shown)
            continue
        earlier_year, earlier = first[text]
        if earlier_year != year:
            what = (
                f"全文与 {earlier_year} 年的来源 {earlier} 一字不差"
                f"（多半是复制来的，还没有换成 {year} 年这份文件自己的原文）"
            )
            expected = f"这份文件自己的全文：{year} 年的数字出自 {year} 年的文件"
        else:
            what = (
                f"全文与 {earlier} 一字不差（要么两个来源是同一份文件，"
                "要么其中一个是复制来的，还没有换成它自己的原文）"
            )
            expected = (
                "同一份文件只存一次：删去其中一个来源（.yaml 和 .txt），把引用它的 source 改成"
                "留下的那个，它报道的地区都写进留下那个的 covers；复制来的，换成那份文件自己的全文"
            )
        problems.append(Problem(shown, 1, "", what, expected))


def covered_regions_have_files(
    problems: list[Problem],
    sources: dict,
    shown: dict[str, str],
    covers_at: dict[str, dict[str, tuple[int, int]]],
    have: set,
    folder: str,
) -> None:
    """Every region a source of the year covers has its region file (its figures come from it).
    ``shown`` names each source's metadata file, ``covers_at`` the line and the (1-based)
    place of each region in its ``covers``; ``folder`` the year's folder as messages name it."""
    for sid, source in sources.items():
        for rid in source.covers:
            if rid not in have:
                line, place = covers_at[sid][rid]
                problems.append(
                    Problem(
                        shown[sid],
                        line,
                        f"covers[{place}]",
                        f"列出了 {rid}，但 {folder} 没有 {rid}.yaml",
                        f"为 {rid} 建立地区文件（它的数字、亮点都来自这个来源），"
                        "或者从 covers 中删去它",
                    )
                )


def table_rows_have_files(
    problems: list[Problem],
    table_shown: str,
    rows_by_region: dict,
    have: set,
    folder: str,
    known: set,
    names: dict[str, str],
) -> None:
    """A row of figures.csv names a region that has its file in the year (said once per row).
    ``names`` maps each region's Chinese name to its id: a spreadsheet's region column is
    often filled with names. ``folder``: the year's folder as messages name it."""
    for rid, rows in rows_by_region.items():
        if rid in have:
            continue
        if rid in names:
            what = f"地区列写的是地区名“{rid}”，不是地区 id"
            expected = f"地区 id {names[rid]}（地区名与 id 的对照见 data/regions.yaml）"
        elif rid in known:
            what = f"地区 {rid} 在 {folder} 没有地区文件"
            expected = f"{folder}{rid}.yaml（写概述、亮点和来源），或改正地区 id"
        else:
            what = f"地区表里没有“{rid}”{hint_closest(rid, have | known)}"
            expected = "data/regions.yaml 中的一个地区 id"
        for row in (r for r in rows if not r.refused):  # a refused row: said once
            problems.append(Problem(table_shown, row.line, "region", what, expected, "列"))


# --- a region file's items ---------------------------------------------------------------


def once_per_metric(found: Found, node: LineDict, where: str, metric_id: str, seen: dict) -> bool:
    """One figure per metric, region and year: a combined count stays combined."""
    if metric_id in seen:
        found.add(
            node.line_of("metric"),
            join(where, "metric"),
            f"指标 {metric_id} 重复，第 {seen[metric_id]} 行已经有它",
            "同一地区同一年每个指标只有一条；原文合计的数字保持合计，不要拆分或重复",
        )
        return False
    seen[metric_id] = node.line_of("metric")
    return True


HAS_CLAUSES = {
    "highlights": "至少一句支持这条亮点的原文摘句：亮点里的每一处说法都要有原文依据",
    "honours": "至少一句写明这项首创或荣誉的原文摘句：荣誉是原文的说法，要有原文依据",
}


def has_clauses(found: Found, item, node: LineDict, where: str, kind: str) -> None:
    """A highlight or honour lists the clauses it rests on: at least one."""
    if not item.evidence:
        found.add(
            node.line_of("evidence"), f"{where}.evidence", "没有列出任何原文摘句", HAS_CLAUSES[kind]
        )


# --- the changelog -----------------------------------------------------------------------


def changelog(found: Found, entries, doc: LineDict, sources: dict[int, set[str]]) -> list:
    """Entries name an existing edition, and every edition has at least one (its publication).
    Every source of an edition is named by an entry of it (``sources:``): the one that
    published the edition, or the one that added the source later, so a region added to a
    published edition from its own document is always announced."""
    years = sorted(sources)
    changes, index = [], []  # index: each kept entry's place in the file
    for i, entry in enumerate(entries):
        if entry.edition not in years:
            found.add(
                doc["entries"][i].line_of("edition"),
                f"entries[{i + 1}].edition",
                f"没有 {entry.edition} 年版（data/ 下没有这个年份文件夹）",
                "以下年份之一：" + "、".join(map(str, years)),
            )
            continue
        changes.append(entry)
        index.append(i)
    listed = {c.edition for c in changes}
    for year in years:
        if year not in listed and not found.problems:
            found.add(
                doc.line,
                "entries",
                f"{year} 年版没有更新记录",
                f"为 {year} 年版加一条记录（它的发布日期、内容和原因）",
            )
    for i, entry in zip(index, changes, strict=True):
        if not sources[entry.edition]:
            continue  # a year without any source is said once, by the sources' own check
        for j, sid in enumerate(entry.sources or ()):
            if sid not in sources[entry.edition]:
                found.add(
                    doc["entries"][i]["sources"].line_of(j),
                    f"entries[{i + 1}].sources",
                    f"{entry.edition} 年版没有来源 {sid}"
                    + hint_closest(sid, sources[entry.edition]),
                    f"data/{entry.edition}/sources/ 中某个来源的 id",
                )
    if found.problems:
        return changes
    for year in years:
        named = {sid for c in changes if c.edition == year for sid in c.sources or ()}
        # said at the entries, not at one of them: a source added later needs an entry of
        # its own (naming it in the publication's entry would backdate it)
        for sid in sorted(sources[year] - named):
            found.add(
                doc.line_of("entries"),
                "entries",
                f"{year} 年版的来源 {sid} 没有写进任何一条更新记录",
                f"为这次增补新加一条记录（日期、改了什么、为什么），写上 sources: [{sid}]；"
                "只有这个版本首次发布时就依据的来源，才写进它的第一条",
            )
    return changes


def quote_budget(found: Found, text: str, figures: list[str], cited: list[tuple[str, str]]) -> None:
    """The clauses quoted from one source stay quotations: a third of the source at most, and
    no passage longer than a clause. ``figures`` are the figures' clauses, which every figure
    needs (a run of them is a list of numbers, allowed); ``cited`` the other clauses (those of
    highlights and honours) with where each is cited: they may not lengthen a passage."""
    every = evidence.quoted(text, [*figures, *(clause for clause, _ in cited)])
    numbers = evidence.quoted(text, figures).runs
    for start, end in every.runs:
        own = max((e - s for s, e in numbers if start <= s and e <= end), default=0)
        if end - start <= max(MAX_CLAUSE, own):
            continue
        inside = [w for c, w in cited if (i := text.find(c, start)) >= 0 and i < end]
        found.add(
            1,
            "",
            f"在原文中前后相连的摘句合起来成了一段 {end - start} 个字的原文"
            f"（“{text[start : start + 12]}……”），用到了 {'、'.join(dict.fromkeys(inside))} 的摘句",
            f"相连的摘句合起来不超过 {MAX_CLAUSE} 个字：本站引用原文作为依据，不转载段落；"
            "删去亮点或荣誉中不必要的摘句（数字的摘句已在数字表中列出，亮点不必重复）",
        )
    if len(text) >= QUOTE_BUDGET_FROM and every.share > MAX_QUOTED_SHARE:
        found.add(
            1,
            "",
            f"本站引用的原文摘句合起来占这个来源全文的 {every.share:.0%}",
            "不超过三分之一：本站引用来源，不转载来源；"
            "亮点和荣誉只引用支持其说法的一两个短句，说法少一些，摘句就少一些",
        )
