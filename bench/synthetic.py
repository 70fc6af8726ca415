"""Synthetic data for the build benchmark: N county-level units with plausible figures.

The metric catalogue is the real one; each unit reports a deterministic pseudo-random
selection of metrics (about eight, two of them comparable), so pages and charts look like
the real ones at any scale. Nothing here is ever published.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
KINDS = ["区", "市", "县"]
DIGITS = "零一二三四五六七八九"


def region_name(i: int) -> str:
    return "".join(DIGITS[int(d)] for d in f"{i:04d}") + KINDS[i % 3]


def make(dest: Path, n_regions: int, seed: int = 2024) -> Path:
    """Write a data tree with ``n_regions`` units (all with data) into ``dest``; return it."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "2024").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "metrics.yaml", dest / "metrics.yaml")
    shutil.copy(ROOT / "data" / "dataset.yaml", dest / "dataset.yaml")
    metrics = yaml.safe_load((ROOT / "data" / "metrics.yaml").read_text(encoding="utf-8"))[
        "metrics"
    ]
    comparable = [m for m in metrics if m["comparable"]]
    others = [m for m in metrics if not m["comparable"]]
    regions = [
        {"id": f"r{i:04d}", "name": region_name(i), "kind": KINDS[i % 3], "order": i + 1}
        for i in range(n_regions)
    ]
    (dest / "regions.yaml").write_text(
        yaml.safe_dump({"regions": regions}, allow_unicode=True), encoding="utf-8"
    )
    clauses = []  # the synthetic source text is the clauses the figures quote
    for region in regions:
        chosen = rng.sample(comparable, 2) + rng.sample(others, 6)
        figures = []
        for m in chosen:
            value = rng.randint(1, 300)
            qualifier = rng.choice(["exact", "exact", "exact", "at_least"])
            written = f"{value}多" if qualifier == "at_least" else str(value)
            figures.append(
                {
                    "metric": m["id"],
                    "value": value,
                    "unit": m["unit"],
                    "qualifier": qualifier,
                    "evidence": f"全年开展{m['name']}{written}{m['unit']}",
                }
            )
        clauses += [f["evidence"] for f in figures]
        doc = {
            "source": "synthetic",
            "region": region["id"],
            "summary": f"{region['name']}政协全年围绕中心工作履职，开展协商、监督和调研。",
            "figures": figures,
            "highlights": [
                {
                    "title": "协商议政",
                    "text": "围绕重点工作开展协商。",
                    "figures": [figures[0]["metric"], figures[1]["metric"]],
                    "evidence": [figures[0]["evidence"], figures[1]["evidence"]],
                },
                {
                    "title": "联系群众",
                    "text": "走进基层听取意见。",
                    "figures": [figures[2]["metric"]],
                    "evidence": [figures[2]["evidence"]],
                },
            ],
            "honours": [],
        }
        (dest / "2024" / f"{region['id']}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    sources = dest / "2024" / "sources"
    sources.mkdir()
    meta = {"title": "合成数据", "byline": "基准测试", "covers": [r["id"] for r in regions]}
    (sources / "synthetic.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8"
    )
    # each clause among text no clause quotes, as in a real source (`check` refuses a source
    # quoted beyond a third of its text)
    filler = "这是合成的叙述文字，没有摘句引用它，只占篇幅" * 2
    (sources / "synthetic.txt").write_text(
        "".join(f"{c}。{filler}。\n" for c in clauses), encoding="utf-8"
    )
    (dest / "changelog.yaml").write_text(
        "entries:\n  - {date: 2026-11-27, edition: 2024, what: 合成数据, why: 基准测试,"
        " sources: [synthetic]}\n",
        encoding="utf-8",
    )
    return dest
