"""Build benchmark: how much the generation step adds to a plain MkDocs build, at scale.

For the real data and for synthetic data with 100 and 1,000 regions it runs:
  full      `mkdocs build` with the site_builder hook, chart cache cold (first build)
  warm      the same again with the chart cache filled (an editor's normal rebuild)
  baseline  plain `mkdocs build` (no hook) of the very Markdown/SVG/CSV the hook generated
and prints regions, pages, charts, seconds, ms per page, the ratios full/baseline and
warm/baseline, and peak memory. It then times a rebuild of the real site after a
one-figure edit, as a new process and in-process (as `mkdocs serve` does).

Usage:  python bench/build.py [--sizes 100,1000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # noqa: E402

from site_builder.config import build_config  # noqa: E402
from site_builder.site import generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}


def run_timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def mkdocs(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


def baseline_config(work: Path, docs: Path, nav: list) -> Path:
    """mkdocs.yml without the hook, pointing at the already generated docs."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", text)
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace(
        "custom_dir: site_builder/theme", f"custom_dir: {ROOT / 'site_builder' / 'theme'}"
    )
    config = work / "mkdocs-baseline.yml"
    config.write_text(
        text + "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True), encoding="utf-8"
    )
    return config


def bench_size(label: str, data_dir: Path, work: Path) -> dict:
    env = {**ENV, "SITE_DATA_DIR": str(data_dir), "SITE_BUILDER_CACHE": str(work / "cache")}
    full_s, full_mem = run_timed(mkdocs(ROOT / "mkdocs.yml", work / "site-full"), env)
    warm_s, warm_mem = run_timed(mkdocs(ROOT / "mkdocs.yml", work / "site-warm"), env)
    # The same generated files, written out as plain docs (generation not timed).
    os.environ["SITE_BUILDER_CACHE"] = str(work / "cache")
    generated = generate(build_config(ROOT, data_dir))
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for path, content in generated.files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    base_s, base_mem = run_timed(
        mkdocs(baseline_config(work, docs, generated.nav), work / "site-base"), ENV
    )
    pages = len(generated.pages)
    return {
        "label": label,
        "regions": len([p for p in generated.pages if p.count("/") == 0]) - 2,
        "pages": pages,
        "charts": generated.chart_count,
        "full_s": full_s,
        "warm_s": warm_s,
        "base_s": base_s,
        "ms_page": 1000 * full_s / pages,
        "ratio": full_s / base_s,
        "warm_ratio": warm_s / base_s,
        "mem": max(full_mem, warm_mem, base_mem),
    }


def bench_edit(work: Path) -> tuple[float, float]:
    """Rebuild the real site after changing one figure: as a new process, and in-process."""
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    env = {**ENV, "SITE_DATA_DIR": str(data), "SITE_BUILDER_CACHE": str(work / "cache")}
    run_timed(mkdocs(ROOT / "mkdocs.yml", work / "site"), env)  # fill the cache
    # A figure and the clause it quotes change together (as with a corrected source).
    source = data / "2024" / "sources" / "sanming_cppcc_review_2024.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("组织对口协商9场", "组织对口协商19场,29场"),
        encoding="utf-8",
    )
    path = data / "2024" / "sanyuan.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("value: 9\n", "value: 19\n", 1)
        .replace("组织对口协商9场", "组织对口协商19场"),
        encoding="utf-8",
    )
    process_s, _ = run_timed(mkdocs(ROOT / "mkdocs.yml", work / "site"), env)
    code = (
        "import time, sys\n"
        "from mkdocs.config import load_config\n"
        "from mkdocs.commands.build import build\n"
        "def once():\n"
        "    cfg = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])\n"
        "    cfg.plugins.on_startup(command='serve', dirty=False)\n"
        "    build(cfg)\n"
        "once()\n"  # as `mkdocs serve` does: the process and its imports stay warm
        "p = sys.argv[3]\n"
        "text = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(text.replace('value: 19\\n', 'value: 29\\n', 1).replace('组织对口协商19场', '19场,29场'))\n"
        "t = time.perf_counter(); once(); print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "mkdocs.yml"), str(work / "site-serve"), str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"in-process rebuild failed:\n{out.stderr}")
    return process_s, float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000", help="synthetic region counts, comma separated"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folders under bench/out/"
    )
    args = parser.parse_args()
    out_root = ROOT / "bench" / "out" if args.keep else Path(tempfile.mkdtemp(prefix="bench-"))
    out_root.mkdir(parents=True, exist_ok=True)
    rows = [bench_size("real", ROOT / "data", out_root / "real")]
    for n in [int(s) for s in args.sizes.split(",") if s]:
        data = synthetic.make(out_root / f"syn{n}" / "data", n)
        rows.append(bench_size(str(n), data, out_root / f"syn{n}"))
    header = f"{'data':>6} {'regions':>7} {'pages':>6} {'charts':>6} {'full s':>7} {'warm s':>7} {'base s':>7} {'ms/page':>8} {'full/base':>9} {'warm/base':>9} {'peak MiB':>8}"
    print(header)
    for r in rows:
        print(
            f"{r['label']:>6} {r['regions']:>7} {r['pages']:>6} {r['charts']:>6} {r['full_s']:>7.2f} {r['warm_s']:>7.2f}"
            f" {r['base_s']:>7.2f} {r['ms_page']:>8.1f} {r['ratio']:>9.2f} {r['warm_ratio']:>9.2f} {r['mem']:>8.0f}"
        )
    process_s, serve_s = bench_edit(out_root / "edit")
    print(
        f"rebuild after a one-figure edit (real site): {process_s:.2f} s as a new `mkdocs build`, {serve_s:.2f} s in-process as `mkdocs serve`"
    )
    worst = max(rows, key=lambda r: r["ratio"])
    print(
        f"worst ratio full/baseline: {worst['ratio']:.2f} ({worst['label']}); warm cache: {max(r['warm_ratio'] for r in rows):.2f}"
    )
    if not args.keep:
        shutil.rmtree(out_root, ignore_errors=True)


if __name__ == "__main__":
    main()
