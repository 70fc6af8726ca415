"""Turn chart specs into what the site serves: static SVG, a precompiled Vega spec and a PNG.

Rendering is the slow part of a build, so results are cached on disk keyed by a hash of the
spec and the renderer's version: a rebuild after a one-figure edit re-renders only the
charts that figure touches. Charts are rendered on both cores. vl-convert measures text
with the fonts it finds; without a CJK font Chinese labels would be mis-measured (and drawn
as boxes in PNGs), so the build stops with a clear message when none is installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import vl_convert as vlc

from .charts import FONT

CACHE_VERSION = "1"
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
    vega_json: str
    png: bytes


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


def cache_key(spec: dict) -> str:
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    versions = f"{CACHE_VERSION}|{vlc.__version__ if hasattr(vlc, '__version__') else ''}|{vlc.get_vega_version()}|{FONT}"
    return hashlib.sha256((versions + payload).encode("utf-8")).hexdigest()[:24]


def _render_one(spec: dict, cache_dir: Path | None) -> RenderedChart:
    key = cache_key(spec)
    if cache_dir is not None:
        hit = cache_dir / f"{key}.json"
        if hit.exists():
            cached = json.loads(hit.read_text(encoding="utf-8"))
            return RenderedChart(
                cached["svg"], cached["vega"], (cache_dir / f"{key}.png").read_bytes()
            )
    svg = vlc.vegalite_to_svg(spec)
    vega = json.dumps(
        vlc.vegalite_to_vega(spec), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    png = vlc.vegalite_to_png(spec, scale=2)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Write the PNG first: the JSON is the marker that an entry is complete.
        tmp_png, tmp_json = cache_dir / f".{key}.png.tmp", cache_dir / f".{key}.json.tmp"
        tmp_png.write_bytes(png)
        os.replace(tmp_png, cache_dir / f"{key}.png")
        tmp_json.write_text(
            json.dumps({"svg": svg, "vega": vega}, ensure_ascii=False), encoding="utf-8"
        )
        os.replace(tmp_json, cache_dir / f"{key}.json")
    return RenderedChart(svg, vega, png)


def render_all(specs: dict[str, dict], cache_dir: Path | None) -> dict[str, RenderedChart]:
    """Render every Vega-Lite spec (keyed by chart id), in parallel, using the cache."""
    require_cjk_font()
    ids = sorted(specs)
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        results = list(pool.map(lambda i: _render_one(specs[i], cache_dir), ids))
    return dict(zip(ids, results, strict=True))


_SVG_HEAD = re.compile(r"^<svg[^>]*>")


def inline_svg(svg: str) -> str:
    """The SVG ready to sit inside a page: no fixed size (its viewBox scales it), no background."""
    head = _SVG_HEAD.match(svg).group(0)
    new_head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    new_head = new_head.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return new_head + svg[len(head) :]
