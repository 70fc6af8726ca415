"""Lighthouse (mobile) on one page of each kind, served with gzip as a real host would.

Builds the real site for the local address, serves it with gzip-compressed text responses,
and runs Lighthouse 12 (Node 20 compatible) in Debian's Chromium for each kind of page.
Prints the four category scores. Lighthouse is not a project dependency: install it once,
outside the project, and say where with LIGHTHOUSE:

    npm install --prefix /tmp/lh lighthouse@12.8.2
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse python bench/lighthouse.py [kind ...]

LIGHTHOUSE_REPORTS=DIR keeps each page's full JSON report there (long tasks, main-thread work).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import PUBLIC_CONTACT, build_site  # noqa: E402
from test_browser import CHROMIUM, CHROMIUM_ARGS, KINDS  # noqa: E402

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the client accepts it."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in COMPRESSIBLE
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def main() -> None:
    lighthouse = os.environ.get("LIGHTHOUSE", "lighthouse")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        result = build_site(site, extra_env={"SITE_URL": base, "SITE_CONTACT": PUBLIC_CONTACT})
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        print(
            f"{'kind':<22} {'page':<16} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}"
            f" {'FCP s':>6} {'LCP s':>6} {'TBT ms':>6} {'CLS':>5}"
        )
        wanted = sys.argv[1:]  # kinds to measure (default: all)
        for kind, path in KINDS.items():
            if wanted and kind not in wanted:
                continue
            report = Path(tmp) / "report.json"
            subprocess.run(
                [
                    lighthouse,
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--chrome-path={CHROMIUM}",
                    "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
                ],
                check=True,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
            )
            keep = os.environ.get("LIGHTHOUSE_REPORTS")  # a folder to keep each full report
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                (Path(keep) / f"{kind}.json").write_bytes(report.read_bytes())
            result = json.loads(report.read_text(encoding="utf-8"))
            scores, audits = result["categories"], result["audits"]
            row = [
                round(100 * scores[c]["score"])
                for c in ("performance", "accessibility", "best-practices", "seo")
            ]
            timing = [
                f"{audits['first-contentful-paint']['numericValue'] / 1000:>6.2f}",
                f"{audits['largest-contentful-paint']['numericValue'] / 1000:>6.2f}",
                f"{audits['total-blocking-time']['numericValue']:>6.0f}",
                f"{audits['cumulative-layout-shift']['numericValue']:>5.2f}",
            ]
            print(
                f"{kind:<22} {'/' + path:<16} " + " ".join(f"{s:>5}" for s in row),
                *timing,
            )
        httpd.shutdown()


if __name__ == "__main__":
    main()
