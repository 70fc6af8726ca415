"""Load ``data/``: read every file, check its types (``checker`` against ``records``), apply
the honesty rules (``rules``) and build the typed dataset (``model``).

Every problem of every file is collected and raised together as one ``DataError``, each
with file, line, field, what is wrong and what is expected; nothing downstream ever sees
half-valid data. Files are read in dependency order: regions and metrics first (later
files are checked against what the editor meant to declare, so one typo in metrics.yaml
does not echo in every region file), then each year's sources, then its region files;
a region file part by part (``_report_figures``, ``_report_highlights``, ``_report_honours``,
``_report_summary``), each naming the rules it applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import figure_table, rules
from .checker import check, check_item
from .errors import DataError, Problem, closest, hint_closest, shown_path
from .model import (
    Change,
    Dataset,
    Figure,
    Highlight,
    Honour,
    Metric,
    RegionYear,
    Source,
)
from .records import (
    ChangelogFile,
    DatasetFile,
    FigureRecord,
    HighlightRecord,
    HonourRecord,
    MetricsFile,
    RegionFile,
    RegionsFile,
    SourceFile,
)
from .yamlio import LineDict, LineList, read_bytes, read_yaml

YEAR_DIR = re.compile(r"^\d{4}$")


def _read(path: Path, problems: list[Problem]):
    """The document of ``path`` (a mapping with line numbers), or None after a problem."""
    shown = shown_path(path)
    doc, read_problems = read_yaml(path, shown)
    problems.extend(read_problems)
    if read_problems:
        return None
    if not isinstance(doc, LineDict):
        problems.append(
            Problem(
                shown,
                1,
                "（文件顶层）",
                f"文件顶层是{'列表' if isinstance(doc, list) else '文字'}",
                "键: 值 形式的映射，参照同目录下其他文件的写法",
            )
        )
        return None
    return doc


def _declared(doc, key: str) -> set[str]:
    """Ids written under ``doc[key]`` even in records that failed their checks."""
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return set()
    return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}


def _load_regions(root: Path, problems: list[Problem]):
    path = root / "regions.yaml"
    doc = _read(path, problems)
    if doc is None:
        return [], set()
    found = rules.Found(shown_path(path))
    record, type_problems = check(RegionsFile, doc, found.path)
    problems.extend(type_problems)
    regions = list(record.regions) if record else []
    if record:
        rules.unique(found, regions, "id", "regions", doc["regions"])
        rules.unique(found, regions, "order", "regions", doc["regions"])
        rules.region_ids_and_tiles(found, regions, doc["regions"])
    problems.extend(found.problems)
    return sorted(regions, key=lambda r: r.order), _declared(doc, "regions")


def _load_metrics(root: Path, problems: list[Problem]):
    """The categories, the metrics that passed, the declared ids, and our own words in the
    catalogue (definitions, caveats) as ``(found, text, line, field)`` for the copying check,
    which needs every year's sources."""
    path = root / "metrics.yaml"
    doc = _read(path, problems)
    if doc is None:
        return [], [], set(), []
    found = rules.Found(shown_path(path))
    record, type_problems = check(MetricsFile, doc, found.path)
    problems.extend(type_problems)
    categories, metrics, own = [], [], []
    if record:
        categories = list(record.categories)
        rules.unique(found, categories, "id", "categories", doc["categories"])
        rules.unique(found, record.metrics, "id", "metrics", doc["metrics"])
        good = rules.metric_references(found, record.metrics, categories, doc["metrics"])
        metrics = [
            Metric.model_construct(
                **{
                    **m.__dict__,
                    "related": m.related or "",
                    "caveat": m.caveat or "",
                }
            )
            for m in good
        ]
        for i, (m, node) in enumerate(zip(record.metrics, doc["metrics"], strict=True)):
            for name in ("definition", "caveat"):
                if getattr(m, name):
                    own.append((getattr(m, name), node.line_of(name), f"metrics[{i + 1}].{name}"))
    problems.extend(found.problems)
    return categories, metrics, _declared(doc, "metrics"), [(found, *o) for o in own]


def _load_info(root: Path, problems: list[Problem]):
    path = root / "dataset.yaml"
    doc = _read(path, problems)
    if doc is None:
        return None
    record, type_problems = check(DatasetFile, doc, shown_path(path))
    problems.extend(type_problems)
    return record


def _load_changes(
    root: Path, sources: dict[int, set[str]], problems: list[Problem]
) -> list[Change]:
    """``data/changelog.yaml``: every dated change to a published edition; each edition's
    first entry is its publication."""
    path = root / "changelog.yaml"
    shown = shown_path(path)
    if not path.exists():
        problems.append(
            Problem(
                shown,
                1,
                "",
                "缺少更新记录",
                "data/changelog.yaml，每个版本至少一条（日期、版本年份、改了什么、为什么），"
                "第一条即该版本的发布",
            )
        )
        return []
    doc = _read(path, problems)
    if doc is None:
        return []
    record, type_problems = check(ChangelogFile, doc, shown)
    problems.extend(type_problems)
    if record is None:
        return []
    found = rules.Found(shown)
    changes = rules.changelog(found, record.entries, doc, sources)
    problems.extend(found.problems)
    return sorted(changes, key=lambda c: (c.date, c.edition))


def _read_source_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The source text exactly as stored (a UTF-8 BOM is not part of it)."""
    if not path.exists():
        problems.append(
            Problem(
                shown,
                1,
                "",
                "找不到来源原文",
                "与同名 .yaml 放在一起的原文文本文件（UTF-8），内容是来源发布时的全文，一字不改",
            )
        )
        return None
    raw, unreadable = read_bytes(path, shown)
    if unreadable:
        problems.append(unreadable)
        return None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                shown,
                raw[: exc.start].count(b"\n") + 1,
                "",
                "来源原文不是 UTF-8 编码",
                "UTF-8 编码；用记事本或 VS Code 打开，“另存为”时编码选“UTF-8”",
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(shown, 1, "", "来源原文是空的", "来源发布时的全文"))
        return None
    return text


@dataclass
class YearSources:
    """The sources of one year, with their texts (for checking only, never published)."""

    year: int
    sources: dict[str, Source]
    texts: dict[str, str]
    shown: dict[str, str]  # source id -> the text file as messages print it
    shown_meta: dict[str, str]  # source id -> its metadata file (.yaml or .yml), as printed
    others: dict[str, int]  # source ids of other years -> their year (for a precise hint)
    broken: set[str]  # source files of this year that failed their own checks
    none: bool = False  # the year has no source files at all (reported once for the year)


def _load_sources(year_dir: Path, year: int, region_decl: set, seen: dict, problems):
    """``data/<year>/sources/<id>.yaml`` with its ``<id>.txt``; ids unique across years.
    Also the ids of every source file there, even one that failed its own checks, and the
    line of each source's ``covers`` (problems with the regions it lists point there)."""
    folder = year_dir / "sources"
    sources, texts, shown_texts, shown_metas, covers_at = {}, {}, {}, {}, {}
    metas = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    if not metas:
        problems.append(
            Problem(
                shown_path(folder) + "/",
                1,
                "",
                f"{year} 年没有来源",
                "每个来源一对文件，sources/<来源id>.yaml 写标题、作者、covers（记述了哪些地区），"
                "sources/<来源id>.txt 放原文全文",
            )
        )
        return sources, texts, shown_texts, shown_metas, set(), covers_at
    for path in metas:
        sid, shown = path.stem, shown_path(path)
        found = rules.Found(shown)
        doc = _read(path, problems)
        rules.source_id(found, sid, seen)
        record = None
        if doc is not None:
            record, type_problems = check(SourceFile, doc, shown)
            problems.extend(type_problems)
        if record is not None:
            rules.known_regions(found, record.covers, doc["covers"], "covers", region_decl)
        text_path = path.with_suffix(".txt")
        text = _read_source_text(text_path, shown_path(text_path), problems)
        problems.extend(found.problems)
        seen.setdefault(sid, shown)
        if record is None or found.problems or text is None:
            continue
        known = {
            k: getattr(record, k) or "" for k in ("byline", "publisher", "date", "url", "language")
        }
        sources[sid] = Source.model_construct(
            id=sid, year=year, title=record.title, covers=record.covers, **known
        )
        texts[sid] = text
        shown_texts[sid] = shown_path(text_path)
        shown_metas[sid] = shown
        # each listed region's own line (a flow list [a, b] puts them all on one)
        items = doc.get("covers")
        covers_at[sid] = {
            rid: (items.line_of(i) if isinstance(items, LineList) else doc.line_of("covers"), i + 1)
            for i, rid in enumerate(record.covers)
        }
    return sources, texts, shown_texts, shown_metas, {p.stem for p in metas}, covers_at


def _cited_source(found, node: LineDict, where: str, default, srcs: YearSources, region_id):
    """The source an item cites (its own ``source:`` or the file's); None if it is unusable."""
    if "source" not in node:
        return default
    sid, line, field = (
        node["source"],
        node.line_of("source"),
        (f"{where}.source" if where else "source"),
    )
    if sid in srcs.broken or srcs.none:
        return None  # the source files' own problems (or their absence) are reported already
    if sid in srcs.others:
        found.add(
            line,
            field,
            f"来源 {sid} 属于 {srcs.others[sid]} 年（存放在 data/{srcs.others[sid]}/sources/）",
            f"data/{srcs.year}/sources/ 中的一个来源 id；来源放在它所记述的年份之下",
        )
        return None
    if sid not in srcs.sources:
        known = sorted(srcs.sources)
        found.add(
            line,
            field,
            f"data/{srcs.year}/sources/ 里没有来源“{sid}”{hint_closest(sid, known)}",
            (f"以下之一：{'、'.join(known)}" if known else f"先在 data/{srcs.year}/sources/ 放入")
            + "（来源 = sources/<id>.yaml 加同名 .txt 原文）",
        )
        return None
    if region_id is not None and region_id not in srcs.sources[sid].covers:
        found.add(
            line,
            field,
            f"来源 {sid} 的 covers 里没有 {region_id}",
            f"记述了这个地区的来源；若该来源确实写到了 {region_id}，把它加进来源的 covers",
        )
        return None
    return sid


def _items(doc: LineDict, key: str, model, shown: str, failed: list | None = None) -> list:
    """(record, node, index) for every item of ``doc[key]`` that passes its type checks;
    ``failed`` gets (node, index, the fields that failed) of every other item."""
    nodes = doc.get(key)
    if not isinstance(nodes, LineList):
        return []
    out = []
    for i, node in enumerate(nodes):
        where = f"{key}[{i + 1}]"
        record, problems = check_item(model, node, shown, where, nodes.line_of(i))
        if record is not None:
            out.append((record, node, i))
        elif failed is not None and isinstance(node, LineDict):
            bad = {p.field.removeprefix(where + ".").split(".")[0].split("[")[0] for p in problems}
            failed.append((node, i, bad))
    return out


# A figure's field names as the files write them (aliases), for telling a known field that
# failed its type check from a misspelt one.
FIGURE_FIELDS = frozenset(f.alias or n for n, f in FigureRecord.model_fields.items())


@dataclass
class YearTable:
    """A year's ``figures.csv`` (if any): its rows by region, and where it stands."""

    shown: str
    rows: dict[str, list[LineDict]]
    broken: bool = False  # its header could not be read: its rows are unknown
    # metrics of rows whose region cell was refused (blank, a formula) or names a region
    # without a file (a typo): any region's, maybe
    unplaced: frozenset[str] = frozenset()


def _load_table(
    year_dir: Path, year: int, metric_ids: set, problems: list[Problem], notes: list[str]
):
    path = year_dir / figure_table.NAME
    if not path.exists():
        return None
    shown = shown_path(path)
    raw, unreadable = read_bytes(path, shown)  # a folder named figures.csv, a locked file
    if unreadable:
        problems.append(unreadable)
        return YearTable(shown, {}, broken=True)
    rows, encoding, table_problems = figure_table.read(raw, shown, year, metric_ids)
    problems.extend(table_problems)
    if encoding:  # UTF-8（带 BOM）编码: no space after a full-width bracket
        notes.append(f"{shown}：按 {encoding}{'' if encoding.endswith('）') else ' '}编码读取。")
    by_region: dict[str, list[LineDict]] = {}
    unplaced = set()
    for row in rows:
        if "region" in row.refused:
            unplaced.add(row.get("metric"))  # said once; its metric is written, not missing
        elif isinstance(row.get("region"), str):
            by_region.setdefault(row["region"], []).append(row)
    broken = bool(table_problems) and not rows
    return YearTable(shown, by_region, broken, frozenset(unplaced))


def _figure_nodes(
    doc: LineDict, found, region_id, table: YearTable | None, shown: str, failed: list
):
    """(record, node, where, found) for every figure of the region that passes its type
    checks, from the region file or from the year's table (never both); ``failed`` gets
    (node, where, found, the fields that failed) of every other figure."""
    written = table.rows.get(region_id, []) if table and region_id else []
    rows = [r for r in written if not r.refused]  # a refused row is said already
    if rows and "figures" in doc:
        found.add(
            doc.line_of("figures"),
            "figures",
            f"这个地区的数字同时写在本文件和 {table.shown} 的第 "
            + "、".join(str(r.line) for r in rows)
            + " 行",
            f"二者选一：删去本文件的 figures，或删去 {table.shown} 中这个地区的行",
        )
        return []
    if rows:
        table_found = rules.Found(table.shown, label="列")
        out = []
        for row in rows:
            fields = {k: v for k, v in row.items() if k != "region"}
            node = LineDict(fields)
            node.line, node.key_lines = row.line, dict(row.key_lines)
            record, problems = check(FigureRecord, node, table.shown)
            table_found.problems.extend(
                Problem(p.path, p.line, p.field, p.what, p.expected, "列") for p in problems
            )
            if record is not None:
                out.append((record, node, "", table_found))
            else:
                failed.append((node, "", table_found, {p.field for p in problems}))
        return out
    if "figures" not in doc:
        if written or (table is not None and (table.broken or table.unplaced)):
            return []  # the table's own problems are reported: nothing more to say here
        found.add(
            doc.line,
            "figures",
            "缺少这个必填字段",
            "figures 列表，或在 data/<年>/figures.csv 中写上这个地区的行",
        )
        return []
    failed_items: list = []
    out = [
        (r, n, f"figures[{i + 1}]", found)
        for r, n, i in _items(doc, "figures", FigureRecord, shown, failed_items)
    ]
    failed.extend((n, f"figures[{i + 1}]", found, bad) for n, i, bad in failed_items)
    return out


def _our_words_and_clauses(
    found, item, node: LineDict, where: str, kind: str, own: tuple, default, srcs, region_id
) -> tuple[str | None, bool]:
    """A highlight's or honour's source, its clauses verbatim in it, and its own words
    (``own`` fields) not copied from it: the source's id (None when it cannot be resolved)
    and whether the clauses were found (the summary may rest on them only then)."""
    sid = _cited_source(found, node, where, default, srcs, region_id)
    rules.has_clauses(found, item, node, where, kind)
    if sid is None:
        return None, False
    verified = rules.clauses(found, item.evidence, node, where, srcs.texts[sid], srcs.shown[sid])
    for name in own:
        rules.own_words(
            found, getattr(item, name), [srcs.texts[sid]], node.line_of(name), f"{where}.{name}"
        )
    return sid, verified


@dataclass
class _RegionFile:
    """One region file being checked: what each of its parts is checked with."""

    doc: LineDict
    found: rules.Found  # its problems
    region_id: str | None  # None when the file names no known region
    source: str | None  # the file's own source id (None when it cannot be resolved)
    srcs: YearSources
    metrics: dict
    metric_decl: dict


def _load_report(path: Path, year: int, known: tuple, srcs: YearSources, table, problems):
    """One region file of ``year``: its type checks, then the rules on every part that
    passed them (so one bad value hides nothing), each part after those it rests on:
    figures, then the highlights and key figures that cite them, honours, and the summary
    last (its numbers must be those of every clause in the file)."""
    regions, region_decl, metrics, metric_decl = known
    doc = _read(path, problems)
    if doc is None:
        return None
    found = rules.Found(shown_path(path))
    whole, type_problems = check(RegionFile, doc, found.path)
    problems.extend(type_problems)
    head = whole
    if head is None:
        head_only = LineDict({k: v for k, v in doc.items() if k in ("source", "region", "summary")})
        head, _ = check(RegionFile, {**head_only, "figures": []}, found.path)
    region_id = head.region_id if head else None
    if region_id is not None:
        rules.region_file(found, doc, region_id, path.stem, region_decl)
    if region_id not in region_decl:
        region_id = None  # reported above; its sources cannot be checked against it
    file_source = _cited_source(found, doc, "", None, srcs, region_id) if head else None
    rf = _RegionFile(doc, found, region_id, file_source, srcs, metrics, metric_decl)
    figures, raw_figures, named, table_founds = _report_figures(
        rf, head is not None, table, year, filed_under=region_id or path.stem
    )
    seen = {f.metric_id for f in figures}
    highlights, unverified = _report_highlights(rf, figures, seen, named)
    if head is not None and isinstance(doc.get("key_figures"), LineList):
        rules.cites_own_figures(
            found, head.key_figures, doc["key_figures"], "key_figures", seen, named
        )
    honours, unverified_honours = _report_honours(rf)

    # every figure, highlight and honour written for the region passed (none refused, none
    # unreadable, no row of the year's table refused for its region cell): only then are
    # the clauses the summary may rest on all known
    def all_passed(key: str, passed: list) -> bool:
        raw = doc.get(key)
        return raw is None or (isinstance(raw, LineList) and len(raw) == len(passed))

    complete = (
        isinstance(raw_figures, list)
        and len(figures) == len(raw_figures)
        and not (table is not None and "figures" not in doc and table.unplaced)
        and all_passed("highlights", highlights)
        and all_passed("honours", honours)
        and not unverified
        and not unverified_honours
    )
    if head is not None and head.summary:
        _report_summary(rf, head.summary, figures, [*highlights, *honours], complete)
    for table_found in table_founds:
        found.problems.extend(table_found.problems)
    problems.extend(found.problems)
    if type_problems or found.problems or whole is None or file_source is None:
        return None
    return RegionYear.model_construct(
        **{
            **whole.__dict__,
            "year": year,
            "source_id": file_source,
            "key_figures": whole.key_figures or tuple(f.metric_id for f in figures[:4]),
            "figures": tuple(figures),
            "highlights": tuple(highlights),
            "honours": tuple(honours),
        }
    )


def _report_figures(rf: _RegionFile, has_head: bool, table, year: int, filed_under: str):
    """The region's figures, from its file or from the year's table: each one's metric,
    unit and qualifier, its clause verbatim in its source and holding its number, its note
    in our own words, one per metric. ``filed_under``: the region id the figures carry (the
    file's name when its region is unknown). Returns the figures that passed, the figures
    as written (to tell whether all passed), the metric ids the region's figures name
    (passed or not: what highlights and key figures may cite) and the collectors of the
    table's problems."""
    doc, found, srcs = rf.doc, rf.found, rf.srcs
    raw_figures = doc.get("figures")
    if table and rf.region_id in table.rows:
        raw_figures = table.rows[rf.region_id]
    if table is not None and table.broken and "figures" not in doc:
        raw_figures = [{"metric": m} for m in rf.metric_decl]  # unknown rows: cite anything
    named = (
        {f.get("metric") for f in raw_figures if isinstance(f, dict)}
        if isinstance(raw_figures, list)
        else set()
    )
    if table is not None and "figures" not in doc:
        named |= table.unplaced  # rows refused for their region may be this region's
    figures, seen, failed = [], {}, []
    nodes = _figure_nodes(doc, found, rf.region_id, table, found.path, failed) if has_head else []
    # the table's problems, those of rows that failed their type checks included (a region
    # whose every row failed must not pass as a region without figures)
    table_founds = {id(f): f for *_, f in nodes if f is not found}
    table_founds.update({id(f): f for _, _, f, _ in failed if f is not found})
    for fig, node, where, fig_found in nodes:
        sid = _cited_source(fig_found, node, where, rf.source, srcs, rf.region_id)
        if not rules.figure(fig_found, fig, node, where, rf.metrics, rf.metric_decl):
            continue
        if sid is None or not rules.clauses(
            fig_found, (fig.evidence,), node, where, srcs.texts[sid], srcs.shown[sid]
        ):
            continue
        if fig.note:  # our words too: a note may not copy the source either
            rules.own_words(
                fig_found,
                fig.note,
                [srcs.texts[sid]],
                node.line_of("note"),
                rules.join(where, "note"),
            )
        if not rules.once_per_metric(fig_found, node, where, fig.metric_id, seen):
            continue
        figures.append(
            Figure.model_construct(
                **{**fig.__dict__, "note": fig.note or "", "source_id": sid},
                year=year,
                region_id=filed_under,
            )
        )
    for node, where, fig_found, bad in failed:  # what their type problems do not hide
        rules.figure_parts(fig_found, node, where, bad, rf.metrics, rf.metric_decl)
        evidence = node.get("evidence")
        # not when the clause or its source failed, nor when an unknown key is a misspelt
        # "source" (the clause would be checked against the file's source instead)
        unknown = bad - FIGURE_FIELDS
        misspelt_source = any(closest(k, FIGURE_FIELDS) == "source" for k in unknown)
        if not ({"evidence", "source"} & bad or misspelt_source) and isinstance(evidence, str):
            sid = _cited_source(fig_found, node, where, rf.source, srcs, rf.region_id)
            if sid is not None:
                rules.clauses(fig_found, (evidence,), node, where, srcs.texts[sid], srcs.shown[sid])
    return figures, raw_figures, named, list(table_founds.values())


def _report_highlights(rf: _RegionFile, figures: list, seen: set, named: set):
    """The highlights: the figures they cite are the region's own, their clauses verbatim
    in their source, their words our own, and their numbers those of their clauses and
    cited figures. Returns the highlights that passed and how many had a clause not found."""
    highlights, unverified = [], 0
    for item, node, i in _items(rf.doc, "highlights", HighlightRecord, rf.found.path):
        where = f"highlights[{i + 1}]"
        rules.cites_own_figures(
            rf.found,
            item.figure_ids,
            node["figures"],
            f"{where}.figures",
            seen,
            named,
            "引用的数字",
        )
        sid, verified = _our_words_and_clauses(
            rf.found,
            item,
            node,
            where,
            "highlights",
            ("title", "text"),
            rf.source,
            rf.srcs,
            rf.region_id,
        )
        unverified += not verified
        if all(fid in seen for fid in item.figure_ids):  # else its figure is reported
            cited = [f.evidence for f in figures if f.metric_id in item.figure_ids]
            rules.own_numbers(
                rf.found,
                item.text,
                [*item.evidence, *cited],
                node.line_of("text"),
                f"{where}.text",
            )
        highlights.append(Highlight.model_construct(**{**item.__dict__, "source_id": sid or ""}))
    return highlights, unverified


def _report_honours(rf: _RegionFile):
    """The honours: clauses verbatim in their source, words our own, numbers the clauses'.
    Returns the honours that passed and how many had a clause not found."""
    honours, unverified = [], 0
    for item, node, i in _items(rf.doc, "honours", HonourRecord, rf.found.path):
        where = f"honours[{i + 1}]"
        sid, verified = _our_words_and_clauses(
            rf.found, item, node, where, "honours", ("text",), rf.source, rf.srcs, rf.region_id
        )
        unverified += not verified
        rules.own_numbers(rf.found, item.text, item.evidence, node.line_of("text"), f"{where}.text")
        honours.append(
            Honour.model_construct(
                **{**item.__dict__, "source_id": sid or "", "holder": item.holder or ""}
            )
        )
    return honours, unverified


def _report_summary(rf: _RegionFile, summary: str, figures, items, complete: bool) -> None:
    """The summary restates the file's clauses: its numbers are theirs (checked only when
    every clause is known, ``complete``), and its words are not copied from the sources the
    file cites."""
    doc = rf.doc
    if complete:
        every_clause = [f.evidence for f in figures]
        every_clause += [c for item in items for c in item.evidence]
        rules.own_numbers(rf.found, summary, every_clause, doc.line_of("summary"), "summary")
    cited = {rf.source, *(item.source_id for item in items)}
    rules.own_words(
        rf.found,
        summary,
        [rf.srcs.texts[s] for s in sorted(s for s in cited if s in rf.srcs.texts)],
        doc.line_of("summary"),
        "summary",
    )


def _check_quote_budget(
    reports: list[RegionYear], srcs: YearSources, year_dir: Path, problems
) -> None:
    """Everything quoted from each source of a year, against ``rules.quote_budget``."""
    figures: dict[str, list[str]] = {sid: [] for sid in srcs.texts}
    cited: dict[str, list[tuple[str, str]]] = {sid: [] for sid in srcs.texts}
    files = {p.stem: p for p in _region_files(year_dir)}
    for report in reports:
        shown = shown_path(files[report.region_id])
        for f in report.figures:
            figures[f.source_id].append(f.evidence)
        for kind in ("highlights", "honours"):
            for i, item in enumerate(getattr(report, kind)):
                for clause in item.evidence:
                    cited[item.source_id].append((clause, f"{shown} 的 {kind}[{i + 1}]"))
    for sid, clauses in cited.items():
        found = rules.Found(srcs.shown_meta[sid])
        rules.quote_budget(found, srcs.texts[sid], figures[sid], clauses)
        problems.extend(found.problems)


def _region_files(year_dir: Path) -> list[Path]:
    return sorted(
        p for p in year_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.stem != "source"
    )


def load_dataset(root: Path | str = "data") -> Dataset:
    """Read and validate everything under ``root``; raise ``DataError`` listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise DataError(
            [
                Problem(
                    shown_path(root),
                    1,
                    "",
                    "找不到数据目录",
                    "存在的数据文件夹：默认是项目根目录下的 data/；用 --data 或环境变量 "
                    "SITE_DATA_DIR 指定时，请检查路径",
                )
            ]
        )
    regions, region_decl = _load_regions(root, problems)
    names = {r.name: r.id for r in regions}
    categories, metrics, metric_decl, catalogue_words = _load_metrics(root, problems)
    known = ({r.id: r for r in regions}, region_decl, {m.id: m for m in metrics}, metric_decl)
    info = _load_info(root, problems)
    dataset = Dataset(info, regions, categories, metrics, sources={})
    year_dirs = sorted(p for p in root.iterdir() if p.is_dir() and YEAR_DIR.match(p.name))
    if not year_dirs:
        problems.append(
            Problem(
                shown_path(root),
                1,
                "",
                "没有年份文件夹",
                "data/2024/ 这样的文件夹，内含 sources/ 和各地区文件",
            )
        )
    empty = [d for d in year_dirs if not _region_files(d)]
    for year_dir in empty:  # said once; its sources and changelog are not asked for
        problems.append(
            Problem(
                shown_path(year_dir) + "/",
                1,
                "",
                "年份文件夹里没有地区文件",
                "至少一个 <地区id>.yaml（如 sanyuan.yaml），否则删去这个文件夹",
            )
        )
    year_dirs = [d for d in year_dirs if d not in empty]
    seen_ids: dict[str, str] = {}
    by_year = {}
    for year_dir in year_dirs:
        year = int(year_dir.name)
        by_year[year] = _load_sources(year_dir, year, region_decl, seen_ids, problems)
        dataset.sources.update(by_year[year][0])
    texts = [(text, year, y[2][sid]) for year, y in by_year.items() for sid, text in y[1].items()]
    rules.texts_differ(problems, texts)
    source_year = {s.id: s.year for s in dataset.sources.values()}
    # every source file of a year, even one that failed its own checks (said already)
    present_by_year: dict[int, set[str]] = {}
    for year_dir in year_dirs:
        year = int(year_dir.name)
        folder = shown_path(year_dir) + "/"  # as messages name it: data/2024/ from the project
        sources, texts, shown, shown_metas, present, covers_at = by_year[year]
        others = {sid: y for sid, y in source_year.items() if y != year}
        present_by_year[year] = present
        srcs = YearSources(
            year,
            sources,
            texts,
            shown,
            shown_metas,
            others,
            present - set(sources),
            none=not present,
        )
        files = sorted(p for p in year_dir.iterdir() if p.suffix in (".yaml", ".yml"))
        for old in (p for p in files if p.stem == "source"):
            problems.append(
                Problem(
                    shown_path(old),
                    1,
                    "",
                    "source.yaml 是旧的写法",
                    "来源放在 sources/ 文件夹，每个来源一对文件（<来源id>.yaml 写元数据，"
                    "<来源id>.txt 放原文），地区文件顶部写 source: <来源id>",
                )
            )
        region_files = _region_files(year_dir)
        table = _load_table(year_dir, year, metric_decl, problems, dataset.notes)
        have = {p.stem for p in region_files}
        if table is not None:  # rows of a region without a file are said once, below
            orphans = {
                r.get("metric") for rid, rs in table.rows.items() if rid not in have for r in rs
            }
            table = replace(table, unplaced=table.unplaced | orphans)
        before = len(problems)
        for path in region_files:
            report = _load_report(path, year, known, srcs, table, problems)
            if report:
                dataset.reports.append(report)
        if len(problems) == before:  # every clause is verbatim: how much of each source they quote
            _check_quote_budget(
                [r for r in dataset.reports if r.year == year], srcs, year_dir, problems
            )
        if table is not None:
            rules.table_rows_have_files(
                problems, table.shown, table.rows, have, folder, region_decl, names
            )
        rules.covered_regions_have_files(problems, sources, shown_metas, covers_at, have, folder)
    dataset.changes = _load_changes(root, present_by_year, problems)
    every_text = [text for y in by_year.values() for text in y[1].values()]
    for found, text, line, field_ in catalogue_words:  # the catalogue: our words, every source
        before = len(found.problems)
        rules.own_words(found, text, every_text, line, field_)
        problems.extend(found.problems[before:])
    if problems:
        raise DataError(problems, notes=dataset.notes)
    order = {r.id: r.order for r in regions}
    dataset.reports.sort(key=lambda r: (r.year, order[r.region_id]))
    return dataset
