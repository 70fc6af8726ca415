"""The site as readers get it: Debian's Chromium driven by Playwright against a local server.

The frozen 2024 data (tests/fixtures/frozen_2024), whose pages and figures the tests name,
one page of each kind (timeline and edition overviews, region pages with and without data,
methods, downloads, an embed page): no console error, no failed request, no request to
another host; charts visible with JavaScript on and off; mark labels on hover on a page reached by a
link; charts saved as PNG/SVG with their source line; figures as cards on a phone; zero
axe-core violations (axe-core pinned in tests/vendor) at 375 and 1280 px in both colour
schemes, and nothing wider than 375 px with every <details> open; Chinese search however
the text arrives; the page-weight and JavaScript budgets. And one page of each kind of the
real data's site on a phone: charts laid out, nothing wider than the screen or the embed
frame (320 px).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import (  # noqa: F401 - for bench/
    CHROMIUM,
    CHROMIUM_ARGS,
    FROZEN,
    PUBLIC_CONTACT,
    ROOT,
    build_site,
)

pytestmark = pytest.mark.browser

# One page of each kind.
KINDS = {
    "overview": "",
    "edition": "2024/",
    "region": "sanyuan/",
    "region-no-comparable": "mingxi/",
    "region-no-data": "ninghua/",
    "edition-region": "2024/qingliu/",
    "methods": "methods/",
    "downloads": "downloads/",
}
PAGES = list(KINDS.values())
EMBED = "embed/2024/micro_consultations/"
BUDGET_BYTES = 120 * 1024  # first load of any page, gzip-compressed, search index included
OWN_JS_BUDGET = 150 * 1024  # the site's own interactive JavaScript, gzip
OWN_JS = (
    "assets/javascripts/charts.js",
    "assets/javascripts/search-input.js",
    "assets/javascripts/start-material.js",
)
AXE = ROOT / "tests" / "vendor" / "axe-core"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_built(site, data_dir=None):
    """Build the site for, and serve it at, a local address; yield that address.

    The site is built for the exact address it is served from, as it is in production
    (canonical links, Open Graph images and the sitemap name it).
    """
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    result = build_site(
        site, data_dir=data_dir, extra_env={"SITE_URL": base, "SITE_CONTACT": PUBLIC_CONTACT}
    )
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(frozen_published_site):
    """The frozen 2024 data (tests/fixtures/frozen_2024), whose pages the tests name, built
    with a public address (tests/conftest.py builds it once): Open Graph tags, the charts'
    <iframe> snippets and the footer's contact are there, as on the published site."""
    yield from serve_as_built(frozen_published_site)


def serve_as_built(site):
    """A built site served as it is (no rebuild for the address it is served from)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def published_server(published_site):
    """The real data's site (tests/conftest.py builds it once), served as it was built."""
    yield from serve_as_built(published_site)


@pytest.fixture(scope="module")
def default_server(built_site):
    """The site as a plain `mkdocs build` makes it (no public address), as built."""
    yield from serve_as_built(built_site)


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    """The hostile-text site (tests/conftest.py builds it once), served as it was built."""
    yield from serve_as_built(hostile_site)


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


def open_page(browser, url, *, javascript=True, viewport=(1280, 900), scheme="light", settle=True):
    """A new visitor's page (a fresh context: nothing cached). ``settle``: wait until the
    network has been quiet for half a second (what the page fetches after its load event,
    the search index among it, is then recorded); otherwise only for the load event, for
    tests that look at the page, not at what it fetched."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        java_script_enabled=javascript,
        color_scheme=scheme,
        service_workers="block",
    )
    page = context.new_page()
    recorder = Recorder(page, url)
    page.goto(url, wait_until="networkidle" if settle else "load")
    return context, page, recorder


MATERIAL_STARTED = "document.documentElement.dataset.material === 'started'"


def start_material(page, rec: Recorder) -> None:
    """As a reader's first move does (here the mouse): Material's script starts, and all it
    fetches arrives (the search index, the search worker and what the worker loads): until
    nothing new has arrived for half a second, as ``networkidle`` waits on a load."""
    page.mouse.move(5, 5)
    page.wait_for_function(MATERIAL_STARTED)
    seen = -1
    while seen != len(rec.responses):
        seen = len(rec.responses)
        page.wait_for_timeout(500)
    assert any(r.url.endswith("/search/search_index.json") for r in rec.responses)


CHART_FACES = """() => [...new Set([...document.querySelectorAll('.chart-svg svg text')]
    .map(t => getComputedStyle(t).fontFamily))]"""
CHART_FACE_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", sans-serif'
)


SMALL_MAP_TILE_TOPS = """() => [...document.querySelectorAll('.chart-grid-small figure.chart')]
    .map(f => Math.round(f.querySelector('.role-mark path').getBoundingClientRect().top
        + scrollY))"""


def charts_visible(page) -> list[str]:
    """Problems with the page's charts: each must be a laid-out SVG with drawn marks once a
    reader scrolls to it (charts below the fold are laid out on approach:
    ``content-visibility: auto``)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('figure.chart')].flatMap(fig => {
            fig.scrollIntoView();
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
        # a reader who only reads runs none of Material's script (fetched, not started)
        assert page.evaluate("typeof window.document$") == "undefined"
        start_material(page, rec)
        assert page.evaluate("typeof window.document$") == "object"
        assert rec.errors == [], rec.errors
        assert rec.failed == [], rec.failed
        assert rec.foreign == [], rec.foreign
        assert charts_visible(page) == []
        if path not in ("methods/", "downloads/"):
            assert page.locator("figure.chart").count() >= 1
        # maps side by side (the overview's, two to a row here) start their tiles level
        tops = page.evaluate(SMALL_MAP_TILE_TOPS)
        assert len(tops) == (2 if path in ("", "2024/") else 0)
        assert len(set(tops)) <= 1, tops
        # the page-weight and JavaScript budgets, on this fresh context's first load and
        # what the reader's first move fetches
        size, own_js = first_load_weight(rec)
        assert size <= BUDGET_BYTES, f"/{path} first load is {size / 1024:.1f} KB gzip"
        assert 0 < own_js <= OWN_JS_BUDGET
        loaded = [r.url for r in rec.responses]
        assert any(u.endswith("search/search_index.json") for u in loaded)  # index included
        assert not any("vega" in u for u in loaded), "no charting runtime in the browser"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "sanyuan/", "404.html"])
def test_a_default_build_loads_cleanly_too(browser, default_server, path):
    """Without a public address there is no sitemap.xml: nothing may ask for it (Material
    fetches one beside every link[rel=alternate]). Every link, the 404 page's footer
    included (its base is "/", so "//methods/" would name a host), stays on the site."""
    context, page, rec = open_page(browser, default_server + path)
    try:
        assert rec.errors == [], rec.errors
        assert rec.failed == [], rec.failed
        assert rec.foreign == [], rec.foreign
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert [h for h in hrefs if not h.startswith(default_server)] == []
    finally:
        context.close()


@pytest.mark.parametrize("path", [*PAGES, EMBED])
def test_charts_visible_without_javascript(browser, server, path):
    context, page, rec = open_page(browser, server + path, javascript=False, settle=False)
    try:
        assert rec.failed == [] and rec.foreign == []
        assert charts_visible(page) == []
        # labels fall back to a sans-serif face on a phone without Noto Sans CJK SC
        charts = page.locator("figure.chart").count()
        assert page.evaluate(CHART_FACES) == ([CHART_FACE_STACK] if charts else [])
        # no button that needs a script: saving a chart as PNG or SVG is not offered
        assert page.locator(".chart-save").count() == (0 if path == EMBED else 2 * charts)
        assert not any(b.is_visible() for b in page.locator(".chart-save").all())
    finally:
        context.close()


def real_pages_of_each_kind(site: Path) -> dict[int, list[str]]:
    """One page of each kind of the real site, at a phone's width; and at an iframe's, the
    embed page of one chart of each kind (a comparison, a unit's locator, the coverage map)."""
    edition = max(p.name for p in site.glob("[0-9][0-9][0-9][0-9]"))  # the newest
    embeds = [
        f"embed/{edition}/{name}/"
        for name in ("targeted_consultations", "sanyuan-map", "map")
        if (site / "embed" / edition / name).is_dir()
    ]
    return {375: PAGES, 320: embeds}


def test_no_page_of_the_real_site_overflows_on_a_phone(browser, published_site, published_server):
    """A page of each kind of the real data (its names, titles and file names): charts laid
    out, no sideways scrolling at 375 px with every <details> open, embeds within a 320 px
    frame."""
    too_wide = {}
    for width, paths in real_pages_of_each_kind(published_site).items():
        assert len(paths) == {375: len(PAGES), 320: 3}[width], paths
        context = browser.new_context(viewport={"width": width, "height": 812})
        page = context.new_page()
        try:
            for path in paths:
                page.goto(published_server + path, wait_until="load")
                assert charts_visible(page) == [], path
                page.evaluate(OPEN_EVERY_DETAILS)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide[path] = scroll
        finally:
            context.close()
    assert too_wide == {}, f"wider than the phone (375 px) or the frame (320 px): {too_wide}"


def test_an_embed_works_in_a_320px_frame_without_scripts(browser, server):
    context, page, rec = open_page(browser, server + EMBED, viewport=(320, 640))
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.locator("script").count() == 0
        faces = "() => [...new Set([...document.querySelectorAll('svg text')].map(t => getComputedStyle(t).fontFamily))]"
        assert page.evaluate(faces) == [CHART_FACE_STACK]
        assert "来源：《攻坚克难求突破,砥砺奋进勇争先》" in page.inner_text("figcaption")
        back = page.locator("figcaption a").get_attribute("href")
        assert back == "../../../2024/#chart-2024-micro_consultations"
        assert rec.failed == [] and rec.foreign == []
    finally:
        context.close()


def test_figures_become_cards_on_a_phone(browser, server):
    context, page, _ = open_page(browser, server + "qingliu/", viewport=(375, 812), settle=False)
    try:
        row = page.locator("#figure-talent_pool_size")
        assert row.evaluate("el => getComputedStyle(el).display") == "block"
        card = " ".join(row.inner_text().split())
        # the value keeps its qualifier, evidence and note, each labelled
        assert "近 800 人" in card and "清流县政协乡贤人才库已近800人" in card
        assert "时点数" in card
        labels = row.evaluate(
            """el => [...el.querySelectorAll('td')].map(td =>
                getComputedStyle(td, '::before').content)"""
        )
        assert labels == ['"数值"', '"原文摘句"', '"说明"']
        width = row.evaluate("el => el.getBoundingClientRect().width")
        assert width > 300  # a card across the phone, not a squeezed column
    finally:
        context.close()


SETTLED_TOP = """id => new Promise(done => {
    // after a few frames: charts near the screen are laid out then, and move what follows
    let frames = 6;
    const next = () => --frames ? requestAnimationFrame(next) : done(
        Math.round(document.getElementById(id).getBoundingClientRect().top));
    requestAnimationFrame(next);
})"""


@pytest.mark.parametrize(
    "path", ["#在示意图上看", "sanyuan/#全部数字", "sanyuan/#figure-targeted_consultations"]
)
def test_a_link_to_an_anchor_lands_on_it_on_a_phone(browser, default_server, path):
    """The charts above the target are laid out only when they come near (content-visibility)
    and were sized by estimate: a heading's link or a cited figure's URL must still show its
    target just under the header, when opened and when followed within the page."""
    target = path.split("#")[1]
    context, page, _ = open_page(browser, default_server + path, viewport=(375, 812), settle=False)
    try:
        page.wait_for_load_state("load")
        header = page.evaluate("() => document.querySelector('.md-header').offsetHeight")
        assert header <= page.evaluate(SETTLED_TOP, target) < header + 40
        page.evaluate("() => { history.replaceState(null, '', location.pathname); }")
        page.reload()
        page.wait_for_load_state("load")
        page.evaluate(f"() => {{ location.hash = {json.dumps(target)}; }}")
        assert header <= page.evaluate(SETTLED_TOP, target) < header + 40
    finally:
        context.close()


AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(r =>
    r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))})))"""


def run_axe(page) -> list[dict]:
    """Violations found by the pinned axe-core (tests/vendor/axe-core)."""
    page.add_script_tag(path=str(AXE / "axe.min.js"))
    assert page.evaluate("axe.version") == (AXE / "VERSION").read_text().strip()
    return page.evaluate(AXE_RUN)


WHITE_WORDS_NOT_WHITE = """() => [...document.querySelectorAll('.chart-svg svg text[fill="#ffffff"]')]
    .filter(t => getComputedStyle(t).fill !== 'rgb(255, 255, 255)').map(t => t.textContent)"""

# Opens every <details>; and lays out every chart as if scrolled to (charts off-screen skip
# layout, `content-visibility: auto`, and axe then measures their text against whatever
# lies under the skipped box, such as the footer).
OPEN_EVERY_DETAILS = """() => { const all = document.querySelectorAll('details');
    all.forEach(d => { d.open = true; });
    const style = document.createElement('style');
    style.textContent = 'figure.chart { content-visibility: visible !important; }';
    document.head.append(style);
    return all.length; }"""

# One page per template (mingxi/ shares the region template with sanyuan/).
AXE_PAGES = [p for k, p in KINDS.items() if k != "region-no-comparable"] + [EMBED]


# The size each chart label is drawn at on screen: its font size in the SVG's units times
# the SVG's scale (a chart is never scaled up past its drawn size, nor down to a squint).
CHART_LABEL_PX = """() => [...document.querySelectorAll('.chart-svg svg')].flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')]
        .map(t => Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 10) / 10); })"""
LABEL_PX = (11, 18)


ROOM_ABOVE_CHARTS = (
    "[...document.querySelectorAll('.chart-svg')].map(d => getComputedStyle(d).paddingTop)"
)


def switch_to_light(page) -> None:
    """As a reader does: Material's scheme toggle in the header (the embed page, which has
    no header, follows the system's scheme)."""
    toggle = page.locator('label[for="__palette_0"]')
    if toggle.count():
        toggle.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    else:
        page.emulate_media(color_scheme="light")
    # colours may ease into the new scheme (CSS transitions): axe measures the final ones
    page.evaluate(
        "Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition)"
        ".map(a => a.finished))"
    )


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations_on_a_phone_and_a_desktop(browser, server, path):
    """A new visitor whose system is in dark mode, checked at 375 px, then with the window
    widened to 1280 px (the page lays itself out again, as when a tablet turns); then the
    reader switches to the light scheme and it is checked at 1280 and at 375 px: one load
    for both schemes and both widths."""
    context, page, _ = open_page(
        browser, server + path, scheme="dark", viewport=(375, 900), settle=False
    )
    try:
        if page.locator("[data-md-color-scheme]").count():
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        # what a reader unfolds is checked too: each chart's words and table (with its
        # <iframe> snippet, this site having an address), the catalogue, the changelog
        assert (page.evaluate(OPEN_EVERY_DETAILS) > 0) == (path != EMBED)
        found = {}
        for scheme, widths in (("dark", (375, 1280)), ("light", (1280, 375))):
            if scheme == "light":
                switch_to_light(page)
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900})
                assert page.evaluate("innerWidth") == width
                if width == 375:
                    # nothing a reader unfolds is wider than the phone (the real data: below)
                    assert page.evaluate("document.documentElement.scrollWidth") <= 375
                    # one under the other, no chart keeps room above its drawing
                    assert set(page.evaluate(ROOM_ABOVE_CHARTS)) <= {"0px"}
                # axe does not judge SVG text: the white words on filled tiles must stay
                # white (the light scheme's text colour is 3.7:1 on the accent blue)
                assert page.evaluate(WHITE_WORDS_NOT_WHITE) == []
                # labels readable at every width, every chart laid out (see OPEN_EVERY_DETAILS)
                sizes = page.evaluate(CHART_LABEL_PX)
                assert bool(sizes) == (path not in ("methods/", "downloads/"))
                assert all(LABEL_PX[0] <= px <= LABEL_PX[1] for px in sizes), (width, sizes)
                found[scheme, width] = run_axe(page) if not found else page.evaluate(AXE_RUN)
        assert found == {
            ("dark", 375): [],
            ("dark", 1280): [],
            ("light", 1280): [],
            ("light", 375): [],
        }
    finally:
        context.close()


def hover_first_mark(page, figure) -> str:
    figure.locator(".role-mark > [aria-label]").first.hover()
    tooltip = page.locator(".chart-tooltip")
    tooltip.wait_for(state="visible")
    return tooltip.inner_text()


def test_mark_labels_show_on_a_page_reached_by_a_link(browser, server):
    context, page, rec = open_page(browser, server)
    try:
        page.locator("a.kf-card[href$='qingliu/']").click()
        page.wait_for_url(re.compile(re.escape(server + "qingliu/") + "(#.*)?$"))
        page.wait_for_selector("#chart-2024-qingliu-map")
        figure = page.locator("#chart-2024-qingliu-micro_consultations")
        bar = figure.locator(".mark-rect path").first
        bar.hover()
        tooltip = page.locator(".chart-tooltip")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text() == "沙县区：13 场（13场微协商）"
        assert rec.errors == [] and rec.foreign == []
    finally:
        context.close()


def test_a_chart_saves_as_png_and_svg_with_its_source_line(browser, server):
    context = browser.new_context(accept_downloads=True, service_workers="block")
    page = context.new_page()
    try:
        page.goto(server + "sanyuan/", wait_until="networkidle")
        figure = page.locator("#chart-2024-sanyuan-targeted_consultations")
        with page.expect_download() as png:
            figure.locator(".chart-save[data-type=png]").click()
        assert png.value.suggested_filename == "2024-sanyuan-targeted_consultations.png"
        png_bytes = Path(png.value.path()).read_bytes()
        assert png_bytes.startswith(b"\x89PNG")
        with page.expect_download() as svg:
            figure.locator(".chart-save[data-type=svg]").click()
        markup = Path(svg.value.path()).read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", markup)
        assert "对口协商：三元区 9 场" in text  # the title
        # every label falls back to a sans-serif face where Noto Sans CJK SC is missing (a
        # label naming only that face is drawn in a phone's default face, often a serif)
        faces = set(re.findall(r'<text[^>]* font-family="([^"]*)"', markup))
        assert faces and all(f.endswith("sans-serif") for f in faces), faces
        assert (
            "来源：《攻坚克难求突破,砥砺奋进勇争先》（作者：陈渴）；“三明市县级政协履职数据”网站整理。"
            in text
        )
        # The PNG is that SVG drawn at least 1,080 px wide, the source line included: its
        # size is the SVG's times a whole number, and its bottom strip (the source line) and
        # its top strip (the title) carry ink.
        width, height = (
            int(float(v))
            for v in re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', markup).groups()
        )
        png_size = int.from_bytes(png_bytes[16:20], "big"), int.from_bytes(png_bytes[20:24], "big")
        scale = png_size[0] // width  # the SVG drawn whole, at a whole-number scale
        assert png_size == (width * scale, height * scale) and png_size[0] >= 1080  # WeChat
        lines = markup.rsplit("<text", 1)[1].count("<tspan")
        strip = (16 * lines + 12) * scale
        ink = page.evaluate(
            """async ([b64, top, bottom]) => {
                const img = new Image();
                img.src = 'data:image/png;base64,' + b64;
                await img.decode();
                const c = document.createElement('canvas');
                c.width = img.width; c.height = img.height;
                const ctx = c.getContext('2d');
                ctx.drawImage(img, 0, 0);
                const dark = (y0, h) => {
                    const d = ctx.getImageData(0, y0, img.width, h).data;
                    let n = 0;
                    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i+1] + d[i+2] < 450) n++;
                    return n;
                };
                return [dark(0, top), dark(img.height - bottom, bottom)];
            }""",
            [base64.b64encode(png_bytes).decode(), 30 * scale, strip],
        )
        assert ink[0] > 100 and ink[1] > 100, ink  # title and source line drawn, not blank
    finally:
        context.close()


CONTENT_BOXES = """() => [...document.querySelectorAll(
    '.md-content h1, .md-content h2, .md-content figure.chart, .md-content table, .md-footer'
    )].map(el => {
        const r = el.getBoundingClientRect();
        return [el.tagName, Math.round(r.left), Math.round(r.top + scrollY),
            Math.round(r.width), Math.round(r.height)]; })"""
SCHEME = "document.body.dataset.mdColorScheme"


def test_material_starts_on_the_first_move_and_misses_nothing(browser, server):
    """Material's script runs on the reader's first touch, key or scroll, not on load: the
    page is read without it. Before it starts, a first visitor in dark mode already has the
    dark scheme and the toggle to leave it; a scheme chosen then takes effect at once and is
    kept; the page does not move when it starts; the key that starts it is not lost."""
    context, page, _ = open_page(
        browser, server + "2024/qingliu/", scheme="dark", viewport=(375, 812), settle=False
    )
    try:
        assert page.evaluate(MATERIAL_STARTED) is False
        assert page.evaluate(SCHEME) == "slate"
        before = page.evaluate(CONTENT_BOXES)
        toggle = page.locator('label[for="__palette_0"]')
        assert toggle.is_visible()
        toggle.click()
        assert page.evaluate(SCHEME) == "default"  # at once, not when Material starts
        page.wait_for_function(MATERIAL_STARTED)
        assert page.evaluate(SCHEME) == "default"  # Material agrees
        assert page.evaluate(CONTENT_BOXES) == before
        page.reload()
        assert page.evaluate(SCHEME) == "default"  # the choice is kept
        assert page.locator('label[for="__palette_1"]').is_visible()
        assert page.evaluate(MATERIAL_STARTED) is False
        page.keyboard.press("/")  # Material's key for search, pressed before it started
        page.wait_for_function(MATERIAL_STARTED)
        page.wait_for_function("document.activeElement.matches('.md-search__input')")
        page.keyboard.insert_text("微协商")
        assert {"shaxian", "yongan", "qingliu"} <= search_result_pages(page)
    finally:
        context.close()


def test_before_material_arrives_the_page_still_answers(browser, server):
    """On a slow network Material's bundle may take a while (here it never arrives): search
    opened by a tap is ready to type, Enter keeps the query on the page, and a printout has
    every chart's words and table unfolded."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: None)  # held
    try:
        page.goto(server + "2024/", wait_until="load")
        page.evaluate(
            """() => window.addEventListener('beforeprint', () => { window.__printed =
                [...document.querySelectorAll('details')].map(d => d.open); })"""
        )
        page.pdf()
        printed = page.evaluate("window.__printed")
        assert printed and all(printed)
        assert page.evaluate("[...document.querySelectorAll('details')].some(d => d.open)") is False
        page.locator('label[for="__search"]').first.click()
        assert page.evaluate("document.activeElement.matches('.md-search__input')")
        page.keyboard.insert_text("微协商")
        page.keyboard.press("Enter")
        assert page.url == server + "2024/"
        assert page.input_value(".md-search__input") == "微协商"
        assert page.evaluate(MATERIAL_STARTED) is False
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
        # A real keyboard sends a key-up for every pinyin letter: none may reach Material's
        # listener on the box (counted here by a listener of our own in the same place).
        reached = page.evaluate(
            """() => { const box = document.querySelector('.md-search__input');
                let n = 0; const count = () => n++;
                box.addEventListener('keyup', count);
                for (const init of [{isComposing: true}, {keyCode: 229}, {}])
                    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, ...init}));
                box.removeEventListener('keyup', count);
                window.__keyups = 0;  // the commit below is counted afresh
                return n; }"""
        )
        assert reached == 1  # only the last, a key-up outside any composition
        cdp.send("Input.insertText", {"text": "微协商"})  # the IME commits
        assert page.input_value(".md-search__input") == "微协商"
        assert page.evaluate("window.__keyups") >= 1
        assert {"shaxian", "yongan", "qingliu"} <= search_result_pages(page)
    finally:
        context.close()


def first_load_weight(rec: Recorder) -> tuple[int, int]:
    """Gzip bytes of everything a page's first load fetched, and of the site's own JS in it.
    Each address counts once: Material's bundle is prefetched, then run from the cache."""
    total = own_js = 0
    for response in {r.url: r for r in rec.responses}.values():
        try:
            body = response.body()
        except Exception:  # redirects have no body
            continue
        size = len(gzip.compress(body, compresslevel=6, mtime=0))
        total += size
        own_js += size if response.url.endswith(OWN_JS) else 0
    return total, own_js


def test_hostile_text_never_runs_in_the_browser(browser, hostile_server):
    context, page, rec = open_page(browser, hostile_server + "sanyuan/")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        assert charts_visible(page) == []
        text = hover_first_mark(page, page.locator("#chart-2024-sanyuan-targeted_consultations"))
        assert "<script>alert(1)</script>" in text  # the tooltip shows the payload as text
        assert "<img src=x onerror=alert(2)>" in page.inner_text("body")
        page.locator("figure.chart").first.hover()
        page.mouse.move(5, 5)
        assert dialogs == []
        assert page.evaluate("document.querySelectorAll('img[src=x], svg svg').length") == 0
        assert rec.errors == [] and rec.foreign == []
    finally:
        context.close()
