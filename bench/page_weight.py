"""First-load weight of one page of each kind, as a phone on a slow network gets it.

Builds the real site, serves it on 127.0.0.1, opens each page in Debian's Chromium with an
empty cache and sums the gzip-compressed size of every response (HTML, CSS, JS, fonts,
images, and what the reader's first move fetches: Material's script and the search index),
and of the site's own JavaScript in it. The same measurement
backs the budgets checked by tests/test_browser.py's page-load test (120 KB for any page, 150 KB of our own
JavaScript); this prints it per page.

Usage:  python bench/page_weight.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_browser import (  # noqa: E402
    BUDGET_BYTES,
    CHROMIUM,
    CHROMIUM_ARGS,
    KINDS,
    first_load_weight,
    open_page,
    serve_built,
    start_material,
)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = serve_built(Path(tmp) / "site")
        base = next(server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"{'kind':<22} {'page':<16} {'requests':>8} {'gzip KB':>8} {'own JS KB':>9}")
            worst = 0
            for kind, path in KINDS.items():
                context, page, rec = open_page(browser, base + path)
                start_material(page, rec)  # what the reader's first move fetches counts too
                size, own_js = first_load_weight(rec)
                urls = [r.url for r in rec.responses]
                context.close()
                worst = max(worst, size)
                print(
                    f"{kind:<22} {'/' + path:<16} {len(urls):>8} {size / 1024:>8.1f} {own_js / 1024:>9.1f}"
                )
            browser.close()
        print(f"heaviest first load: {worst / 1024:.1f} KB gzip (budget {BUDGET_BYTES // 1024} KB)")
        next(server, None)


if __name__ == "__main__":
    main()
