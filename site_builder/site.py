"""Gather everything one build publishes: pages, chart assets, downloads and the Vega bundle.

``generate`` is generator-neutral: it returns file contents keyed by their path under the
docs folder plus the navigation; ``mkdocs_hooks`` only hands them to MkDocs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import vl_convert as vlc

from . import aggregate, chart_plan, pages, render_charts
from .compare import STATUS_MEANING
from .export import download_files
from .model import Dataset
from .render_charts import RenderedChart, inline_svg, write_atomic
from .schema import CHART_TABLES, TABLES
from .validate import load_dataset

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = PROJECT / ".cache" / "site_builder"
MAX_HEADLINES = 12  # headline cards on the overview: one per region, at most this many


@dataclass
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)  # docs-relative path -> bytes
    nav: list = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # the generated Markdown pages
    search_terms: list[str] = field(
        default_factory=list
    )  # words the search segmenter must keep whole
    chart_count: int = 0


def cache_dir() -> Path | None:
    value = os.environ.get("SITE_BUILDER_CACHE")
    if value == "off":
        return None
    return Path(value) if value else DEFAULT_CACHE


def vega_bundle(cache: Path | None) -> bytes:
    """Vega's runtime, bundled offline by vl-convert in the version its specs are compiled for.

    Specs are precompiled to Vega, but vl-convert's bundle only exposes a working
    ``vegaEmbed`` (its bare ``vega`` export is empty), so the bundle carries Vega Embed and
    Vega-Lite too (about 300 KB gzip). It is loaded only when a reader first touches a chart.
    """
    name = f"vega-embed-bundle-{vlc.get_vega_version()}-{vlc.get_vega_embed_version()}.js"
    if cache is not None and (cache / name).exists():
        return (cache / name).read_bytes()
    bundle = vlc.javascript_bundle().encode("utf-8")  # sets window.vegaEmbed
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        write_atomic(cache / name, bundle)
    return bundle


def _chart_view(chart, rendered: RenderedChart, root: str, ds: Dataset) -> dict:
    if "source_id" in chart.data.columns:
        cited = sorted(set(chart.data["source_id"]) - {""})
    else:  # a map: the sources that decide which units have data
        cited = sorted(s.id for s in ds.sources_of(chart_plan.latest_year(ds)))
    return {
        "sources": [ds.sources[sid] for sid in cited],
        "id": chart.id,
        "title": chart.title,
        "description": chart.description,
        "svg": inline_svg(rendered.svg, chart.id, root),
        "spec_url": f"{root}assets/charts/{chart.id}.json",
        "data_url": f"{root}downloads/charts/{chart.id}.csv",
        "data": chart.data,
        "kind": chart.kind,
    }


def search_terms(ds: Dataset) -> list[str]:
    """Domain words (微协商, 对口协商, 三元区 …) that Chinese search must treat as one word.

    jieba would split 微协商 into 微 + 协商, and a reader searching 微协商 would find nothing.
    """
    words = {r.name for r in ds.regions} | {c.name for c in ds.categories}
    for m in ds.metrics:
        words.update(w for w in re.split(r"[、（）()“”\s]+", m.name) if len(w) >= 2)
    return sorted(words)


def generate(data_dir: Path | str, site_url: str = "") -> Generated:
    """Validate the data and produce every generated file of the site."""
    ds: Dataset = load_dataset(data_dir)
    df = aggregate.figures_frame(ds)
    year = chart_plan.latest_year(ds)
    plan = chart_plan.all_charts(ds, df)
    all_charts = [c for cs in plan.values() for c in cs]
    cache = cache_dir()
    og_charts = {cs[0].id for cs in plan.values() if cs}  # the first chart of every page
    rendered = render_charts.render_all(all_charts, cache / "charts" if cache else None, og_charts)
    downloads = download_files(ds, plan)

    out = Generated(chart_count=len(all_charts), search_terms=search_terms(ds))
    for chart_id, r in sorted(rendered.items()):
        out.files[f"assets/charts/{chart_id}.json"] = r.vega_json.encode("utf-8")
    for path, data in downloads.items():
        out.files[f"downloads/{path}"] = data
    out.files["assets/vendor/vega.js"] = vega_bundle(cache)

    env = pages.environment()
    regions_with_data = [r for r in ds.regions if ds.report(year, r.id)]
    common = {
        "ds": ds,
        "year": year,
        "sources": ds.sources_of(year),
        "regions_with_data": regions_with_data,
        "metric_by_id": ds.metric_by_id,
        "category_by_id": ds.category_by_id,
        "site_url": site_url,
    }

    def page(path: str, template: str, root: str, og_chart: str | None, **context) -> None:
        if og_chart:
            out.files[f"assets/og/{og_chart}.png"] = rendered[og_chart].png
        og_image = f"assets/og/{og_chart}.png" if og_chart else None
        text = pages.render(env, template, root=root, og_image=og_image, **common, **context)
        out.files[path] = text.encode("utf-8")
        out.pages.append(path)

    overview = [_chart_view(c, rendered[c.id], "", ds) for c in plan["index"]]
    coverage = aggregate.coverage(df, ds)
    headline = []
    for report in (ds.report(year, r.id) for r in regions_with_data[:MAX_HEADLINES]):
        figures = {f.metric_id: f for f in report.figures}
        if report.key_figures:
            headline.append((ds.region_by_id[report.region_id], figures[report.key_figures[0]]))
    by_kind = {k: [c for c in overview if c["kind"] == k] for k in ("tiles", "comparison")}
    page(
        "index.md",
        "overview.md.j2",
        "",
        plan["index"][0].id if plan["index"] else None,
        coverage_map=by_kind["tiles"][0] if by_kind["tiles"] else None,
        comparisons=by_kind["comparison"],
        metric_maps=by_kind["tiles"][1:],
        coverage=coverage.to_dict("records"),
        headline=headline,
        comparable_metrics=[m for m in ds.metrics if m.comparable],
    )
    region_nav = []
    for region in ds.regions:
        report = ds.report(year, region.id)
        region_charts = [_chart_view(c, rendered[c.id], "../", ds) for c in plan[region.id]]
        og = plan[region.id][0].id if plan[region.id] else None
        locator = next((c for c in region_charts if c["kind"] == "tiles"), None)
        if report is None:
            page(
                f"{region.id}.md",
                "region_nodata.md.j2",
                "../",
                og,
                region=region,
                locator=locator,
            )
        else:
            figures = {f.metric_id: f for f in report.figures}
            grouped = [
                (
                    cat,
                    [f for f in report.figures if ds.metric_by_id[f.metric_id].category == cat.id],
                )
                for cat in ds.categories
            ]
            page(
                f"{region.id}.md",
                "region.md.j2",
                "../",
                og,
                region=region,
                report=report,
                figures=figures,
                grouped_figures=[(c, fs) for c, fs in grouped if fs],
                locator=locator,
                position_charts=[c for c in region_charts if c["kind"] == "comparison"],
                csv_name=f"{region.id}.csv",
                csv_size=len(downloads[f"{region.id}.csv"]),
            )
        region_nav.append({pages.escape_title(region.name): f"{region.id}.md"})
    shared_og = plan["index"][0].id if plan["index"] else None
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
    )
    out.nav = [
        {"首页": "index.md"},
        {"各地区": region_nav},
        {"数据与方法": "methods.md"},
        {"下载": "downloads/index.md"},
    ]
    return out
