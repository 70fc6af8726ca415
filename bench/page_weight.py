"""First-load weight of every page, as a phone on a slow network gets it.

Builds the real site, serves it on 127.0.0.1, opens each page in Debian's Chromium with an
empty cache and sums the gzip-compressed size of every response (HTML, CSS, JS, fonts,
images, the search index). The same measurement backs the budget test in
tests/test_browser.py (150 KB for the heaviest page); this prints it per page.

Usage:  python bench/page_weight.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_browser import CHROMIUM, CHROMIUM_ARGS, PAGES, first_load_weight, serve_built  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = serve_built(Path(tmp) / "site")
        base = next(server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"{'page':<12} {'requests':>8} {'gzip KB':>8}")
            worst = 0
            for path in PAGES:
                size, urls = first_load_weight(browser, base + path)
                worst = max(worst, size)
                print(f"{'/' + path:<12} {len(urls):>8} {size / 1024:>8.1f}")
            browser.close()
        print(f"heaviest first load: {worst / 1024:.1f} KB gzip (budget 150 KB)")
        next(server, None)


if __name__ == "__main__":
    main()
