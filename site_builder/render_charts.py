"""Turn chart specs into what the site serves: static SVG (and a PNG for Open Graph images).

The SVG is the chart: every mark carries its own label (``aria-label``, from the
``description`` channel), so the page needs no charting runtime at all; a few KB of the
site's own script show those labels on hover or tap and export the chart.

Rendering is the slow part of a build, so results are cached on disk keyed by a hash of the
spec and the renderer's version: a rebuild after a one-figure edit re-renders only the
charts that figure touches. Charts are rendered on both cores. vl-convert measures text
with the fonts it finds; without a CJK font Chinese labels would be mis-measured (and drawn
as boxes in PNGs), so the build stops with a clear message when none is installed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from html import escape
from importlib.metadata import version
from pathlib import Path

import vl_convert as vlc

from . import disk_cache, specs

OG_SCALE = 1.5  # Open Graph PNG: ~440 px wide, sharp enough for a WeChat card
# Font files whose presence means vl-convert can measure and draw Chinese.
CJK_FONT_FILES = re.compile(
    r"(notosanscjk|notoserifcjk|sourcehansans|wqy|msyh|simhei|simsun|pingfang|hiragino ?sans ?gb|droidsansfallback)",
    re.I,
)
FONT_DIRS = [
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
]


class NoCJKFontError(RuntimeError):
    """No font that can draw Chinese is installed."""


@dataclass(frozen=True)
class RenderedChart:
    svg: str
    png: bytes | None  # only for charts used as a page's Open Graph image


def find_cjk_font() -> str | None:
    """The path of an installed CJK font, or None."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20
        ).stdout
        files = sorted(line.split(":")[0] for line in out.splitlines() if line.strip())
        if files:
            preferred = [f for f in files if CJK_FONT_FILES.search(os.path.basename(f))]
            return (preferred or files)[0]
    except (OSError, subprocess.SubprocessError):
        pass
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if CJK_FONT_FILES.search(path.name):
                    return str(path)
    return None


def require_cjk_font() -> str:
    font = find_cjk_font()
    if font is None:
        raise NoCJKFontError(
            "找不到中文字体，图表里的中文会被量错宽度、在图片中显示为方框。"
            "请先安装中文字体：Debian/Ubuntu 运行 `apt-get install fonts-noto-cjk`，"
            "Windows/macOS 自带的微软雅黑、苹方也可以。"
            " (No CJK font found: install fonts-noto-cjk.)"
        )
    return font


def _draw(job: tuple[Callable, str | None]) -> tuple[str, bytes | None]:
    """Build the chart's spec and render the SVG, and the PNG if asked (runs in workers:
    ``job`` is the chart's picklable Altair builder, see ``specs``, and the PNG's source
    line, None for no PNG)."""
    build, source_line = job
    svg = vlc.vegalite_to_svg(specs.vega_lite(build))
    return svg, None if source_line is None else share_png(svg, source_line)


def share_png(svg: str, source_line: str) -> bytes:
    """The chart as an Open Graph image: white, its source line under it, as the page shows
    it under the chart (a WeChat card shows the image without the page)."""
    return vlc.svg_to_png(with_source_line(_opaque(svg), source_line), scale=OG_SCALE)


SOURCE_LINE_PX = 11  # type size of the source line; lines 16 px apart
# This file draws the share image around the chart: part of each cached PNG's key.
SHARE_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
_SIZE_ATTRS = re.compile(r'\s(width|height|viewBox)="([^"]*)"')


def with_source_line(svg: str, line: str) -> str:
    """``svg`` made taller by the lines of ``line``, written under the chart in grey."""
    start = _SVG_HEAD.match(svg)
    attrs = dict(_SIZE_ATTRS.findall(start.group(0))) if start else {}
    try:  # vl-convert always writes both sizes in pixels; anything else is not its SVG
        width, height = float(attrs["width"]), float(attrs["height"])
        x0, y0 = (float(v) for v in attrs.get("viewBox", "0 0").split()[:2])
    except (KeyError, ValueError) as error:
        raise ValueError(
            f"share image: SVG without a numeric width and height ({error})"
        ) from error
    head = start.group(0)
    lines = specs.wrap(line, max(1, int((width - 12) // SOURCE_LINE_PX)))
    taller = height + 16 * len(lines) + 12
    sized = (
        f'<svg width="{width:g}" height="{taller:g}" viewBox="{x0:g} {y0:g} {width:g} {taller:g}"'
    )
    text = "".join(
        f'<text x="{x0 + 6:g}" y="{y0 + height + 16 * (n + 1):g}" font-family="{specs.FONT}" '
        f'font-size="{SOURCE_LINE_PX}" fill="#545454">{escape(part)}</text>'
        for n, part in enumerate(lines)
    )
    body = svg[len(head) :].rstrip().removesuffix("</svg>")
    return sized + _SIZE_ATTRS.sub("", head).removeprefix("<svg") + body + text + "</svg>"


# Below this many uncached charts, threads; above, two processes (vl-convert's renderer
# keeps most of its work under one lock, so threads gain little; a process costs ~0.5 s to
# start, and from about 8 charts two of them win).
PROCESS_THRESHOLD = 8


def _warm_up() -> None:
    """Start vl-convert in a new worker (its JavaScript runtime and the fonts, ~0.5 s) and
    import Altair (~0.3 s), which builds the specs there."""
    import altair  # noqa: F401

    vlc.vegalite_to_svg(
        {"mark": "text", "data": {"values": [{"t": "三明"}]}, "encoding": {"text": {"field": "t"}}}
    )


def _new_workers(count: int) -> ProcessPoolExecutor:
    # spawn: vl-convert's runtime does not survive fork
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_warm_up)
    for _ in range(count):  # workers start on demand: one trivial job each starts them all
        pool.submit(os.getpid)
    return pool


_early_workers: ProcessPoolExecutor | None = None


def start_workers_early(cache_dir: Path | None) -> None:
    """Start the drawing processes now, before the data is read, when the build is likely to
    draw every chart: the chart cache is empty (a first build) or switched off.

    Starting vl-convert takes each worker ~0.5 s; started here, that happens while this
    process imports pandas and reads and checks the data on one core, instead of after.
    ``Drawing`` uses them, or stops them when it turns out to need fewer (a rebuild after an
    edit finds most charts cached, and starts nothing early as its cache is not empty).
    """
    global _early_workers
    workers = min(2, os.cpu_count() or 1)
    if _early_workers is not None or workers < 2:
        return
    if cache_dir is not None and (cache_dir / "charts").is_dir():
        with os.scandir(cache_dir / "charts") as entries:
            if any(entries):
                return
    _early_workers = _new_workers(workers)


def _take_early_workers() -> ProcessPoolExecutor | None:
    global _early_workers
    pool, _early_workers = _early_workers, None
    return pool


def stop_workers_early() -> None:
    """Stop workers started early that no drawing took (the data failed its check)."""
    pool = _take_early_workers()
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def cache_keys(charts: list) -> dict[str, str]:
    """Each chart's cache key: what it draws, the drawing code, the renderer and the font it
    measures with. A chart is redrawn exactly when its key changes."""
    font = require_cjk_font()
    renderer = f"{version('vl-convert-python')}|{os.path.basename(font)}"
    return {c.id: hashlib.sha256(f"{renderer}|{c.key}".encode()).hexdigest()[:24] for c in charts}


class Drawing:
    """Charts being drawn: each chart's SVG (and PNG) as soon as it is ready.

    Cached charts are read at once (the cache is keyed by ``Chart.key``, what is drawn plus
    the drawing code, so a cached chart needs no Vega-Lite spec at all). The others are
    drawn in the background, each handed to a worker in the order given (the order pages
    need them) as the plain rows and words it draws, from which the worker builds the spec
    (``specs``: Altair, no pandas), while the caller goes on with everything that
    does not need a drawing: a cold build overlaps drawing with MkDocs' own work. Fresh
    drawings enter the cache as they are collected. ``png_ids`` are the charts that also
    need a PNG (Open Graph images).
    """

    def __init__(
        self, charts: list, cache_dir: Path | None, png_lines: dict[str, str] | None = None
    ):
        self._keys = cache_keys(charts)
        self._cache = cache_dir
        self._png_lines = dict(png_lines or {})  # chart id -> the source line under its PNG
        self.png_ids = set(self._png_lines)
        self._done: dict[str, RenderedChart] = {}
        self._svg: dict[str, str] = {}
        for c in charts if cache_dir is not None else ():
            hit = disk_cache.read(cache_dir / f"{self._keys[c.id]}.svg")
            if hit is not None:
                self._svg[c.id] = hit.decode("utf-8")
        if cache_dir is not None:
            disk_cache.prune(cache_dir)
        missing = [c for c in charts if c.id not in self._svg]
        self._pool = None
        self._jobs = {}
        early = _take_early_workers()
        if early is not None and len(missing) < PROCESS_THRESHOLD:
            early.shutdown(wait=False, cancel_futures=True)
            early = None
        if missing:
            workers = min(2, os.cpu_count() or 1)
            if early is not None:
                self._pool = early
            elif len(missing) >= PROCESS_THRESHOLD and workers > 1:
                self._pool = _new_workers(workers)
            else:
                self._pool = ThreadPoolExecutor(workers)
            try:
                for c in missing:
                    job = (c.make(), self._png_lines.get(c.id))
                    self._jobs[c.id] = self._pool.submit(_draw, job)
            except BaseException:
                self.cancel()
                raise
        self.ids = [c.id for c in charts]

    def __getitem__(self, chart_id: str) -> RenderedChart:
        """The chart, drawn (waits for it if it is still being drawn)."""
        if chart_id not in self._done:
            self._done[chart_id] = self._collect(chart_id)
        return self._done[chart_id]

    def _png_path(self, chart_id: str) -> Path | None:
        """The cached PNG: keyed by the drawing, by its source line (sources' metadata may
        change while the chart does not) and by the code that adds the line."""
        if self._cache is None:
            return None
        line = hashlib.sha256(f"{SHARE_CODE}|{self._png_lines[chart_id]}".encode()).hexdigest()[:12]
        return self._cache / f"{self._keys[chart_id]}-{line}.png"

    def _collect(self, chart_id: str) -> RenderedChart:
        key, png = self._keys[chart_id], None
        if chart_id in self._jobs:
            svg, png = self._jobs.pop(chart_id).result()
            if self._cache is not None:
                if png is not None:  # the PNG first: the SVG marks a complete entry
                    disk_cache.write_atomic(self._png_path(chart_id), png)
                disk_cache.write_atomic(self._cache / f"{key}.svg", svg.encode("utf-8"))
            if not self._jobs:
                self._pool.shutdown()
        else:
            svg = self._svg[chart_id]
        if chart_id in self.png_ids and png is None:
            png_path = self._png_path(chart_id)
            if png_path is not None:
                png = disk_cache.read(png_path)
            if png is None:
                png = share_png(svg, self._png_lines[chart_id])
                if png_path is not None:
                    disk_cache.write_atomic(png_path, png)
        return RenderedChart(svg, png)

    def wait(self) -> dict[str, RenderedChart]:
        """Every chart, drawn."""
        return {i: self[i] for i in self.ids}

    def cancel(self) -> None:
        """Stop drawing (the build failed): nothing more is drawn or cached."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._jobs.clear()


def render_all(
    charts: list, cache_dir: Path | None, png_lines: dict[str, str] | None = None
) -> dict[str, RenderedChart]:
    """Every chart (a ``charts.Chart``) drawn, drawing only what the cache lacks; those in
    ``png_lines`` also as a PNG with that source line under it."""
    return Drawing(charts, cache_dir, png_lines).wait()


def _opaque(svg: str) -> str:
    """A white background for the PNG (the page SVG is transparent to suit the dark scheme)."""
    head = _SVG_HEAD.match(svg).group(0)
    return head + '<rect width="100%" height="100%" fill="white"/>' + svg[len(head) :]


_SVG_HEAD = re.compile(r"^<svg[^>]*>")


# vl-convert resolves a mark's relative link against this base; the page needs it relative.
VEGA_LOADER_BASE = "https://vega.github.io/vega-datasets/"


def inline_svg(svg: str, chart_id: str, root: str = "") -> str:
    """The SVG ready to sit inside a page: no fixed size (its viewBox scales it), links
    relative to the page (``root`` leads back to the site's top), and element ids made
    unique to the chart and independent of render order (vl-convert numbers clip paths with
    a process-wide counter, which would clash between charts on a page and change with the
    order charts were drawn)."""
    head = _SVG_HEAD.match(svg).group(0)
    width = re.search(r'\swidth="([\d.]+)"', head)
    new_head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    # Scales down to a phone's width, never up: its labels stay at the size they were drawn.
    limit = f' style="max-width:{width.group(1)}px"' if width else ""
    new_head = new_head.replace("<svg ", f'<svg aria-hidden="true" focusable="false"{limit} ', 1)
    # Links inside the (aria-hidden) drawing are for pointers only: out of the tab order and
    # role="none", since the list of units beside the map carries the same links for
    # keyboards, screen readers and crawlers. xlink:href, not SVG 2's href: Material's
    # instant navigation rewrites every a[href] and fails on an SVG link.
    body = svg[len(head) :].replace(
        f'<a xlink:href="{VEGA_LOADER_BASE}', f'<a role="none" tabindex="-1" xlink:href="{root}'
    )
    ids = {}
    for old_id in re.findall(r'\sid="([^"]+)"', body):
        ids.setdefault(old_id, f"{chart_id}-{len(ids) + 1}")
    if ids:
        pattern = re.compile(
            r'(\sid="|url\(#|href="#)(' + "|".join(map(re.escape, ids)) + r')(?=["\)])'
        )
        body = pattern.sub(lambda m: m.group(1) + ids[m.group(2)], body)
    return new_head + body
