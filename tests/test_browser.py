"""The site as readers get it: Debian's Chromium driven by Playwright against a local server.

Every page: no console error, no failed request, no request to another host; every chart
visible with JavaScript on and off; tooltips after instant navigation; no horizontal
overflow on a 375 px phone; zero axe-core violations; Chinese search; page weight budget.
"""

from __future__ import annotations

import gzip
import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import DATA, build_site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# Without the network flags Chromium tries to reach Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    "",
    "sanyuan/",
    "shaxian/",
    "yongan/",
    "mingxi/",
    "qingliu/",
    "ninghua/",
    "methods/",
    "downloads/",
]
BUDGET_BYTES = 150 * 1024  # first load, gzip-compressed, heaviest page


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_built(site, data_dir=None):
    """Build the site for, and serve it at, a local address; yield that address.

    Material's instant navigation only takes over links listed in the sitemap, whose URLs
    come from ``site_url``: the site is built for the exact address it is served from,
    as it is in production.
    """
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    result = build_site(site, data_dir=data_dir, extra_env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve_built(tmp_path_factory.mktemp("served") / "site")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from test_hostile import poison

    work = tmp_path_factory.mktemp("hostile-served")
    shutil.copytree(DATA, work / "data")
    poison(work / "data")
    yield from serve_built(work / "site", work / "data")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Recorder:
    """Console errors, failed requests and every request's host for one page."""

    def __init__(self, page, base: str):
        self.base_host = urlparse(base).netloc
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.responses = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("request", self._request)
        page.on("response", self._response)

    def _request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.netloc != self.base_host:
            self.foreign.append(request.url)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")
        self.responses.append(response)


def open_page(browser, url, *, javascript=True, viewport=(1280, 900), scheme="light"):
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        java_script_enabled=javascript,
        color_scheme=scheme,
        service_workers="block",
    )
    page = context.new_page()
    recorder = Recorder(page, url)
    page.goto(url, wait_until="networkidle")
    return context, page, recorder


def charts_visible(page) -> list[str]:
    """Problems with the page's charts: each must be a laid-out SVG with drawn marks."""
    return page.evaluate(
        """() => [...document.querySelectorAll('figure.chart')].flatMap(fig => {
            const svg = fig.querySelector('.chart-svg svg');
            if (!svg) return [fig.id + ': no svg'];
            const box = svg.getBoundingClientRect();
            const marks = svg.querySelectorAll('.mark-rect path, .mark-text text').length;
            const problems = [];
            if (box.width < 100 || box.height < 40) problems.push(fig.id + ': not laid out');
            if (!marks) problems.push(fig.id + ': no marks');
            return problems;
        })"""
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_with_charts(browser, server, path):
    context, page, rec = open_page(browser, server + path)
    try:
        assert rec.errors == [], rec.errors
        assert rec.failed == [], rec.failed
        assert rec.foreign == [], rec.foreign
        assert charts_visible(page) == []
        if path not in ("methods/", "downloads/"):
            assert page.locator("figure.chart").count() >= 1
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_charts_visible_without_javascript(browser, server, path):
    context, page, rec = open_page(browser, server + path, javascript=False)
    try:
        assert rec.failed == [] and rec.foreign == []
        assert charts_visible(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_overflow_on_a_phone(browser, server, path):
    context, page, _ = open_page(browser, server + path, viewport=(375, 812))
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"page is {width}px wide"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(browser, server, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context, page, _ = open_page(browser, server + path, scheme=scheme)
    try:
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def hover_first_bar(page, figure):
    figure.hover()
    page.wait_for_function(
        "id => document.getElementById(id).dataset.state === 'live'", arg=figure.get_attribute("id")
    )
    bar = figure.locator(".mark-rect path").first
    bar.hover()
    tooltip = page.locator(".chart-tooltip")
    tooltip.wait_for(state="visible")
    return tooltip.inner_text()


def test_tooltips_work_after_instant_navigation(browser, server):
    context, page, rec = open_page(browser, server)
    try:
        page.evaluate("window.__sameDocument = true")
        page.locator("a.kf-card[href$='qingliu/']").click()
        page.wait_for_url(re.compile(re.escape(server + "qingliu/") + "(#.*)?$"))
        page.wait_for_selector("#chart-2024-qingliu-map")
        # Material swapped the page in place: our marker survived, so no full reload happened.
        assert page.evaluate("window.__sameDocument === true")
        text = hover_first_bar(page, page.locator("#chart-2024-qingliu-micro_consultations"))
        assert "原文摘句" in text and "微协商" in text
        assert rec.errors == [] and rec.foreign == []
    finally:
        context.close()


def test_tooltip_shows_value_with_qualifier(browser, server):
    context, page, _ = open_page(browser, server)
    try:
        text = hover_first_bar(page, page.locator("#chart-2024-micro_consultations"))
        assert "永安市" in text and "至少 90 场次" in text and "开展“微协商”90多场次" in text
    finally:
        context.close()


def search_result_pages(page) -> set[str]:
    """The region pages listed once Material has shown its results."""
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
    return {urlparse(h).path.strip("/").split("/")[-1] for h in hrefs}


def count_synthetic_keyups(page) -> None:
    page.evaluate(
        """() => { window.__keyups = 0; document.addEventListener('keyup',
            e => { if (!e.isTrusted) window.__keyups++; }, true); }"""
    )


# How Chinese text reaches the search box: typing through Playwright (which sends input
# events only, no key-up, for CJK characters), and a paste or dictation (one insertText,
# no key events at all). Neither worked with Material's key-up-only search before.
ENTRY = {
    "typed": lambda page, text: page.keyboard.type(text),
    "pasted": lambda page, text: page.keyboard.insert_text(text),
}


@pytest.mark.parametrize("how", sorted(ENTRY))
def test_search_finds_pages_however_text_arrives(browser, server, how):
    context, page, _ = open_page(browser, server)
    try:
        page.locator(".md-search__input").click()
        ENTRY[how](page, "微协商")
        found = search_result_pages(page)
        assert {"shaxian", "yongan", "qingliu"} <= found, found
    finally:
        context.close()


def test_search_waits_for_the_ime_to_commit(browser, server):
    """Pinyin being composed is not searched; the committed characters are."""
    context, page, _ = open_page(browser, server)
    try:
        page.locator(".md-search__input").click()
        count_synthetic_keyups(page)
        cdp = context.new_cdp_session(page)
        cdp.send("Input.imeSetComposition", {"text": "wei", "selectionStart": 3, "selectionEnd": 3})
        cdp.send(
            "Input.imeSetComposition", {"text": "weixie", "selectionStart": 6, "selectionEnd": 6}
        )
        assert page.evaluate("window.__keyups") == 0  # nothing passed on mid-composition
        cdp.send("Input.insertText", {"text": "微协商"})  # the IME commits
        assert page.input_value(".md-search__input") == "微协商"
        assert page.evaluate("window.__keyups") >= 1
        assert {"shaxian", "yongan", "qingliu"} <= search_result_pages(page)
    finally:
        context.close()


def first_load_weight(browser, url) -> tuple[int, list[str]]:
    context, page, rec = open_page(browser, url)
    try:
        page.wait_for_timeout(300)  # let the search worker fetch its index
        assert charts_visible(page) == []
        total, urls = 0, []
        for response in rec.responses:
            try:
                body = response.body()
            except Exception:  # redirects have no body
                continue
            total += len(gzip.compress(body, compresslevel=6, mtime=0))
            urls.append(response.url)
        return total, urls
    finally:
        context.close()


def test_page_weight_budget(browser, server):
    weights = {path: first_load_weight(browser, server + path) for path in PAGES}
    heaviest = max(weights, key=lambda p: weights[p][0])
    size, urls = weights[heaviest]
    assert size <= BUDGET_BYTES, f"/{heaviest} first load is {size / 1024:.1f} KB gzip"
    for _, (_, loaded) in weights.items():
        assert not any(u.endswith("vendor/vega.js") for u in loaded), (
            "interactive chart JS is in the first load"
        )


def test_hostile_text_never_runs_in_the_browser(browser, hostile_server):
    context, page, rec = open_page(browser, hostile_server + "sanyuan/")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        assert charts_visible(page) == []
        text = hover_first_bar(page, page.locator("#chart-2024-sanyuan-targeted_consultations"))
        assert "<script>alert(1)</script>" in text  # the tooltip shows the payload as text
        assert "<img src=x onerror=alert(2)>" in page.inner_text("body")
        page.locator("figure.chart").first.hover()
        page.mouse.move(5, 5)
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.evaluate("document.querySelectorAll('img[src=x], svg svg').length") == 0
        assert rec.errors == [] and rec.foreign == []
    finally:
        context.close()
