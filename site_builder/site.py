"""Gather everything one build publishes: pages, chart images, downloads and the feed.

The site is a set of editions that last plus timeline views:

- ``/<year>/`` and ``/<year>/<region_id>/``: each year's edition at a permanent address,
  drawn only from that year's data, so adding a later year changes none of it (only the
  banner that says a newer edition exists). Editions stay out of the search index.
- ``/`` and ``/<region_id>/``: the timeline views, showing each region's newest figures,
  their change over the years and links to every edition.
- ``/methods/`` and ``/downloads/`` cover every edition; ``/feed.xml`` announces editions
  and 更新记录 entries.

``generate`` is generator-neutral: it returns file contents keyed by their path under the
docs folder plus the navigation; ``mkdocs_hooks`` only hands them to MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from . import aggregate, chart_plan, compare, feed, pages, render_charts, wording
from .compare import STATUS_MEANING
from .config import BuildConfig
from .export import download_files
from .model import Dataset
from .render_charts import inline_svg
from .schema import CHART_TABLES, TABLES
from .validate import load_dataset

MAX_HEADLINES = 12  # headline cards on the overview: one per region, at most this many


# Where a page's chart goes: the page is written before its chart is drawn, and the SVG is
# put in its place afterwards (``Generated.fill``), so drawing overlaps the rest of the build.
CHART_SLOT = re.compile(r"<!--chart-(svg|height|width):([a-z0-9_-]+)-->")


def _slot(what: str, chart_id: str) -> Markup:
    return Markup(f"<!--chart-{what}:{chart_id}-->")


@dataclass
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)  # docs-relative path -> bytes
    nav: list = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # the generated Markdown pages
    search_terms: list[str] = field(
        default_factory=list
    )  # words the search segmenter must keep whole
    chart_count: int = 0
    # With ``generate(..., defer_charts=True)``: the charts still being drawn, and the
    # files that need them (embed pages, Open Graph PNGs). Otherwise both are done.
    drawing: render_charts.Drawing | None = None
    late: Callable[[], dict[str, bytes]] | None = None

    def fill(self, text: str) -> str:
        """``text`` (a page, as Markdown or HTML) with its charts in their slots."""
        if self.drawing is None or "<!--chart-" not in text:
            return text

        def chart(m: re.Match) -> str:
            svg, what = self.drawing[m.group(2)].svg, m.group(1)
            if what == "svg":
                return inline_svg(svg, m.group(2))
            return str(_embed_height(svg) if what == "height" else _drawn_width(svg))

        return CHART_SLOT.sub(chart, text)

    def late_files(self) -> dict[str, bytes]:
        """The files that need the drawn charts (waits for every chart)."""
        return self.late() if self.late is not None else {}

    def cancel(self) -> None:
        if self.drawing is not None:
            self.drawing.cancel()


def embed_path(chart_id: str) -> str:
    """``embed/<year>/<name>/`` for an edition's chart, ``embed/timeline/<name>/`` otherwise."""
    year, _, name = chart_id.partition("-")
    return f"embed/{year}/{name}/" if year.isdigit() else f"embed/timeline/{chart_id}/"


def _view_box(svg: str) -> tuple[float, float] | None:
    box = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', svg)
    return (float(box.group(1)), float(box.group(2))) if box else None


def _drawn_width(svg: str) -> str:
    """The drawing's width in its own px (its viewBox), for the room above it (site.css)."""
    box = _view_box(svg)
    return f"{box[0]:g}" if box else "1"


def _embed_height(svg: str) -> int:
    """A frame tall enough for the chart at about its drawn width, plus its source line."""
    box = _view_box(svg)
    return int(box[1]) + 90 if box else 480


def _chart_view(chart, root: str, ds: Dataset, site_url: str = "") -> dict:
    """What a page's template needs of a chart; its drawing goes in a slot, filled later."""
    embed = f"{site_url}{embed_path(chart.id)}" if site_url else ""
    return {
        "sources": [ds.sources[sid] for sid in chart.sources],
        "id": chart.id,
        "title": chart.title,
        "description": chart.description,
        "svg": _slot("svg", chart.id),
        "data_url": f"{root}downloads/charts/{chart.csv_id}.csv",
        "data": chart.table,
        "kind": chart.kind,
        "embed_url": embed,
        "embed_height": _slot("height", chart.id),
        "room_top": chart.room_top,
        "drawn_width": _slot("width", chart.id),
    }


def search_terms(ds: Dataset) -> list[str]:
    """Domain words (微协商, 对口协商, 三元区 …) that Chinese search must treat as one word.

    jieba would split 微协商 into 微 + 协商, and a reader searching 微协商 would find nothing.
    """
    words = {r.name for r in ds.regions} | {c.name for c in ds.categories}
    for m in ds.metrics:
        words.update(w for w in re.split(r"[、（）()“”\s]+", m.name) if len(w) >= 2)
    return sorted(words)


def edition_changes(ds: Dataset, df: pd.DataFrame) -> list[dict]:
    """Between the two latest editions, each comparable metric for all 11 units, worded."""
    if len(ds.years) < 2:
        return []
    before, after = ds.years[-2:]
    out = []
    for metric in (m for m in ds.metrics if m.comparable):
        a = aggregate.metric_across_units(df, ds, before, metric).set_index("region_id")
        b = aggregate.metric_across_units(df, ds, after, metric).set_index("region_id")
        if not ((a["status"] == "reported").any() or (b["status"] == "reported").any()):
            continue
        rows, pairs = [], []
        for region in ds.regions:
            points = [
                chart_plan.figure_point(t.loc[region.id], year)
                for t, year in ((a, before), (b, after))
            ]
            both = all(p.status == "reported" for p in points)
            apart = both and points[0].source_id != points[1].source_id
            pairs.append((both, apart))
            rows.append({"region": region, "words": compare.change_words(*points)})
        # Figures from different documents are said to be so: once, under the table, when
        # every pair is (each year's own report), else beside each such pair.
        every = any(both for both, _ in pairs) and all(apart for both, apart in pairs if both)
        for row, (_, apart) in zip(rows, pairs, strict=True):
            if apart and not every:
                row["words"] += "；两年的数字出自不同来源"
        out.append({"metric": metric, "rows": rows, "all_apart": every})
    return out


def source_line(chart, ds: Dataset) -> str:
    """The line under a chart that leaves the page (an Open Graph image): its sources, as the
    page's line under the chart says them, with the site's name for "本站"."""
    if not chart.sources:
        return f"“{ds.info.title}”网站绘制的示意图，不出自任何来源。"
    cited = "、".join(wording.cite(ds.sources[sid]) for sid in chart.sources)
    return f"来源：{cited}；“{ds.info.title}”网站整理。"


def generate(cfg: BuildConfig, defer_charts: bool = False) -> Generated:
    """Validate the data and produce every generated file of the site.

    With ``defer_charts`` the charts are still being drawn when this returns: pages hold
    slots that ``Generated.fill`` fills, and ``Generated.late_files`` gives the embed pages
    and Open Graph PNGs (MkDocs' glue does this, so drawing overlaps MkDocs' own work).
    Without it, every file is complete.
    """
    ds: Dataset = load_dataset(cfg.data_dir)
    df = aggregate.figures_frame(ds)
    plan = chart_plan.plan_site(ds, df)
    all_charts = plan.all()
    cache = cfg.cache_dir
    # The first chart of every page is its Open Graph image (the home page's: the map of
    # each unit's newest year, once units differ in it); without a public address no page
    # names one (an og:image must be absolute), so none is drawn.
    og_charts = (
        [cs[0] for e in plan.editions.values() for cs in e.values() if cs]
        + [cs[0] for cs in [plan.timeline.get("index")] if cs]
        if cfg.has_address
        else []
    )
    drawing = render_charts.Drawing(
        all_charts,
        cache / "charts" if cache else None,
        {c.id: source_line(c, ds) for c in og_charts},
    )
    try:
        out = _generate(cfg, ds, df, plan, drawing)
    except BaseException:
        drawing.cancel()
        raise
    if not defer_charts:
        for path in out.pages:
            out.files[path] = out.fill(out.files[path].decode("utf-8")).encode("utf-8")
        out.files.update(out.late_files())
        out.drawing = out.late = None
    return out


def _chart_file_groups(owners: dict, ds: Dataset) -> list[dict]:
    """The chart CSVs on the downloads page, grouped by what they show, the comparisons of
    all 11 units first and the units' locator maps (alike, one per unit) last, folded."""
    locators = {chart_plan.locator_id(y, r.id) for y in ds.years for r in ds.regions}
    groups = {
        "comparison": ("比较图：一项指标，全部县级单位", False),
        "change": ("历年变化：一个地区的一项指标", False),
        "tiles": ("示意图：各县级单位有没有数据", False),
        "locator": ("地区位置图：每个县级单位一张，只标出它在示意图上的位置", True),
    }
    files: dict[str, list] = {kind: [] for kind in groups}
    for path, chart in owners.items():  # path -> the chart that writes it (its title)
        kind = "locator" if chart.id in locators else chart.kind
        files[kind].append((path, chart.title))
    return [
        {"kind": kind, "title": title, "folded": folded, "files": files[kind]}
        for kind, (title, folded) in groups.items()
        if files[kind]
    ]


def _generate(cfg: BuildConfig, ds: Dataset, df: pd.DataFrame, plan, drawing) -> Generated:
    """Every page (charts in slots), download and the feed; embed pages and PNGs later."""
    all_charts = plan.all()
    cache = cfg.cache_dir
    downloads = download_files(ds, plan, df, cache / "downloads" if cache else None)

    out = Generated(chart_count=len(all_charts), search_terms=search_terms(ds), drawing=drawing)
    og_files: dict[str, str] = {}  # assets/og/<chart>.png -> chart id
    for path, data in downloads.items():
        out.files[f"downloads/{path}"] = data
    out.files["feed.xml"] = feed.atom(ds, cfg.site_url, cfg.publisher)

    env = pages.environment(cache / "templates" if cache else None)
    latest = ds.latest_year
    common = {
        "ds": ds,
        "latest": latest,
        "metric_by_id": ds.metric_by_id,
        "category_by_id": ds.category_by_id,
        "site_url": cfg.site_url,
    }

    def page(path: str, template: str, root: str, og_chart: str | None, **context) -> None:
        og_image = None
        if og_chart and cfg.has_address:
            if og_chart not in drawing.png_ids:  # og_charts above decides what is drawn
                raise RuntimeError(f"no share image drawn for {og_chart} ({path})")
            og_image = f"assets/og/{og_chart}.png"
            og_files[og_image] = og_chart
        text = pages.render(env, template, root=root, og_image=og_image, **common, **context)
        out.files[path] = text.encode("utf-8")
        out.pages.append(path)

    def views(charts: list, root: str) -> list[dict]:
        return [_chart_view(c, root, ds, cfg.site_url) for c in charts]

    # Every chart also stands alone: an embed page without the site's chrome or scripts.
    homes = {
        c.id: f"{year}/" + ("" if page_id == "index" else f"{page_id}/")
        for year, edition in plan.editions.items()
        for page_id, cs in edition.items()
        for c in cs
    }
    homes.update(
        {
            c.id: "" if page_id == "index" else f"{page_id}/"
            for page_id, cs in plan.timeline.items()
            for c in cs
        }
    )
    embed = env.get_template("embed.html.j2")

    def late() -> dict[str, bytes]:
        """Every chart's embed page and the Open Graph PNGs: they need the drawings."""
        files = {}
        for chart in all_charts:
            path = embed_path(chart.id)
            root = "../" * path.count("/")
            view = _chart_view(chart, root, ds)
            svg = drawing[chart.id].svg
            view["embed_height"] = _embed_height(svg)
            # the map's links lead out of the frame, to the pages beside the chart's own page
            view["svg"] = Markup(
                inline_svg(svg, chart.id, root + homes[chart.id]).replace(
                    '<a role="none" ', '<a role="none" target="_top" '
                )
            )
            html = embed.render(
                c=view,
                back=f"{root}{homes[chart.id]}#chart-{chart.id}",
                site_name=ds.info.title,
                cite=wording.cite,
            )
            files[f"{path}index.html"] = html.encode("utf-8")
        for path, chart_id in sorted(og_files.items()):
            files[path] = drawing[chart_id].png
        return files

    out.late = late

    coverage = aggregate.coverage(df, ds).to_dict("records")

    def overview(path: str, root: str, year: int, timeline: bool) -> None:
        edition_charts = plan.editions[year]["index"]
        charts = views(edition_charts, root)
        by_kind = {k: [c for c in charts if c["kind"] == k] for k in ("tiles", "comparison")}
        coverage_map = by_kind["tiles"][0] if by_kind["tiles"] else None
        og = edition_charts[0].id if edition_charts else None
        with_data = [r for r in ds.regions if ds.report(year, r.id)]
        # each unit's figures as the page shows them: the edition's, or on the home page
        # each unit's newest (a unit the latest sources do not cover keeps its last year)
        shown = {
            r.id: ds.latest_report(r.id) if timeline else ds.report(year, r.id) for r in ds.regions
        }
        if timeline and plan.timeline.get("index"):
            [coverage_map] = views(plan.timeline["index"], root)
            og = plan.timeline["index"][0].id
        headline = []
        for region in [r for r in ds.regions if shown[r.id]][:MAX_HEADLINES]:
            report = shown[region.id]
            if report.key_figures:
                figures = {f.metric_id: f for f in report.figures}
                headline.append((region, figures[report.key_figures[0]], report.year))
        page(
            path,
            "overview.md.j2",
            root,
            og,
            year=year,
            timeline=timeline,
            regions_with_data=with_data,
            shown=shown,
            coverage_map=coverage_map,
            comparisons=by_kind["comparison"],
            metric_maps=by_kind["tiles"][1:],
            coverage=coverage,
            headline=headline,
            comparable_metrics=[m for m in ds.metrics if m.comparable],
            changes=[c for c in ds.changes if c.edition == year],
            edition_changes=edition_changes(ds, df) if timeline else [],
        )

    def region_page(path: str, root: str, region, report, year: int, timeline: bool) -> None:
        edition = plan.editions[year]
        charts = views(edition[region.id], root)
        og = edition[region.id][0].id if edition[region.id] else None
        locator = next((c for c in charts if c["kind"] == "tiles"), None)
        editions = [r.year for r in ds.reports_of(region.id)]
        if report is None:
            page(
                path,
                "region_nodata.md.j2",
                root,
                og,
                region=region,
                locator=locator,
                year=year,
                timeline=timeline,
                editions=editions,
            )
            return
        grouped = [
            (cat, [f for f in report.figures if ds.metric_by_id[f.metric_id].category == cat.id])
            for cat in ds.categories
        ]
        csv_path = f"{year}/{region.id}.csv"
        page(
            path,
            "region.md.j2",
            root,
            og,
            year=year,
            timeline=timeline,
            region=region,
            report=report,
            figures={f.metric_id: f for f in report.figures},
            grouped_figures=[(c, fs) for c, fs in grouped if fs],
            locator=locator,
            position_charts=[c for c in charts if c["kind"] == "comparison"],
            change_charts=views(plan.timeline[region.id], root) if timeline else [],
            editions=editions,
            csv_path=csv_path,
            csv_size=len(downloads[csv_path]) if csv_path in downloads else 0,  # no figures
        )

    # Editions: permanent, out of the search index.
    for year in ds.years:
        overview(f"{year}/index.md", "../", year, timeline=False)
        for region in ds.regions:
            report = ds.report(year, region.id)
            region_page(f"{year}/{region.id}.md", "../../", region, report, year, False)
    # Timeline views: the newest of everything.
    overview("index.md", "", latest, timeline=True)
    region_nav = []
    for region in ds.regions:
        report = ds.latest_report(region.id)
        year = report.year if report else latest
        region_page(f"{region.id}.md", "../", region, report, year, True)
        region_nav.append({pages.escape_title(region.name): f"{region.id}.md"})
    shared_og = plan.editions[latest]["index"][0].id if plan.editions[latest]["index"] else None
    page(
        "methods.md",
        "methods.md.j2",
        "../",
        shared_og,
        tables=TABLES,
        chart_tables=CHART_TABLES,
        all_sources=sorted(ds.sources.values(), key=lambda s: (s.year, s.id)),
        metrics=ds.metrics,
        categories=ds.categories,
        status_meaning=STATUS_MEANING,
    )
    page(
        "downloads/index.md",
        "downloads.md.j2",
        "../",
        shared_og,
        downloads=downloads,
        tables=TABLES,
        workbook_name=f"{ds.info.name}.xlsx",
        chart_groups=_chart_file_groups(plan.csv_charts(), ds),
    )
    out.nav = [
        {"首页": "index.md"},
        {"各地区": region_nav},
        {"历年版本": [{f"{y} 年版": f"{y}/index.md"} for y in reversed(ds.years)]},
        {"数据与方法": "methods.md"},
        {"下载": "downloads/index.md"},
    ]
    return out
