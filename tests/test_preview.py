"""The editor's preview (`mkdocs serve`) with a data error: an error page, never a hang.

`mkdocs serve` runs as the editor runs it (live reload on) on a copy of the frozen 2024 data
(tests/fixtures/frozen_2024); Debian's Chromium opens the preview. Broken at start-up, the
server still starts and `/` and every other address list each problem exactly as `check`
prints it, the editor's text shown as text; fixing the file brings the site back. Broken
while serving, the page the editor is on turns into the error page, and back after the fix.
`mkdocs build` failing on bad data is covered by tests/test_bad_inputs.py and
tests/test_build_integrity.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import FROZEN, ROOT, cli

pytestmark = pytest.mark.browser

BROKEN_FILE = Path("2024") / "sanyuan.yaml"
GOOD, BAD = "value: 9\n", "value: 九<script>alert(1)</script>\n"
ERROR_TITLE = "数据有误，预览暂停"
HOME_TITLE = "三明市县级政协"
START_TIMEOUT = 180  # seconds for the first build (charts may have to be drawn)
CHANGE_TIMEOUT = 120  # seconds for a saved file to show in the preview


def break_data(data: Path) -> int:
    """Write the editor's mistake (a Chinese numeral, and markup) into the data; its line."""
    path = data / BROKEN_FILE
    text = path.read_text(encoding="utf-8")
    assert GOOD in text
    line = text[: text.index(GOOD)].count("\n") + 1
    path.write_text(text.replace(GOOD, BAD, 1), encoding="utf-8")
    return line


def fix_data(data: Path) -> None:
    path = data / BROKEN_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(BAD, GOOD, 1), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, str]:
    """Status and body; a 404 (the serve's error_handler page) is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_until(condition, timeout: float, what: str, log: Path, proc=None):
    """Poll ``condition`` until it returns something true, for at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"mkdocs serve exited ({proc.returncode}) {what}:\n{tail(log)}")
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} after {timeout} s:\n{tail(log)}")
        time.sleep(0.5)


def tail(log: Path) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])


@contextmanager
def serving(data: Path, log: Path):
    """``mkdocs serve`` on ``data``, as the editor runs it; yield its address and process."""
    address = f"127.0.0.1:{free_port()}"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(ROOT),
        "SITE_DATA_DIR": str(data),
    }
    env.pop("SITE_URL", None)
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(ROOT / "mkdocs.yml"),
                "-a",
                address,
            ],
            cwd=data.parent,  # as the editor stands: in the project that holds data/
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    base = f"http://{address}/"
    try:
        wait_until(lambda: answers(base), START_TIMEOUT, "serving", log, proc)
        yield base, proc
    finally:
        stop(proc)


def answers(base: str) -> bool:
    try:
        fetch(base, timeout=5)
    except OSError:  # not listening yet: the first build runs before the server binds
        return False
    return True


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(FROZEN, tmp_path / "data")
    return tmp_path / "data"


class Tab:
    """A browser page, and the dialogs anything on it opened (a script from the data would)."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def h1(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def shows(self, url: str, title: str) -> bool:
        """Load ``url`` afresh; does its heading contain ``title``?

        A fresh tab each time: the previous page's live-reload script reloads it when the
        preview rebuilds, and a navigation racing that reload may never finish loading; a
        load that does not finish in time counts as "not yet" and is polled again. The old tab
        is closed without waiting for it: a tab caught mid-reload can take minutes to report
        itself closed (a fresh-machine CI run once hung here until the test's timeout)."""
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        old, self.page = self.page, self.page.context.new_page()
        with contextlib.suppress(PlaywrightError):  # a tab that died already is closed
            old.close(run_before_unload=True)  # asks Chromium to close it; does not wait
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        try:
            self.page.goto(url, wait_until="load", timeout=15_000)
            return title in self.h1()
        except PlaywrightTimeout:
            return False


@pytest.fixture
def tab(browser):
    context = browser.new_context(service_workers="block")
    yield Tab(context.new_page())
    context.close()


def check_lines(data: Path) -> list[str]:
    """The problems as `python -m site_builder check` prints them (without the summary)."""
    result = cli("--data", str(data), "check", cwd=data.parent)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr.strip().splitlines()[:-1]


def read(page, expression: str):
    """The value of a JavaScript expression in the page, waiting at most 30 s for the page to
    be there (``page.evaluate`` would wait forever for a page stuck mid-reload)."""
    handle = page.wait_for_function(f"() => ({{value: {expression}}})", timeout=30_000)
    return handle.json_value()["value"]


def assert_error_page(tab: Tab, data: Path, line: int) -> None:
    page = tab.page
    assert tab.h1() == ERROR_TITLE
    items = read(
        page,
        "[...document.querySelectorAll('ol.data-errors-list > li')].map(li => li.innerText)",
    )
    assert items == check_lines(data)  # every problem, exactly as check prints it
    [item] = items
    assert item.startswith(f"data/{BROKEN_FILE.as_posix()}:{line}: ")
    assert "figures[1].value" in item and "中文数字" in item and "应为" in item
    assert "九<script>alert(1)</script>" in item  # the editor's text, shown as text
    assert tab.dialogs == []
    scripts = "[...document.scripts].some(s => s.textContent.includes('alert(1)'))"
    assert read(page, scripts) is False
    assert "保存" in page.inner_text("article")  # what to do next


def test_broken_at_start_the_preview_starts_and_shows_every_problem(data, tab, tmp_path):
    line = break_data(data)
    log = tmp_path / "serve.log"
    with serving(data, log) as (base, proc):
        status, body = fetch(base)  # answers at once, instead of exiting or hanging
        assert status == 200 and ERROR_TITLE in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>alert(1)" not in body
        # the terminal still says what is wrong, as `mkdocs build` does
        assert check_lines(data)[0] in log.read_text(encoding="utf-8")

        tab.page.goto(base, wait_until="load")
        assert_error_page(tab, data, line)
        # any other page of the site shows the problems too (served as the 404 page)
        tab.page.goto(base + "sanyuan/", wait_until="load")
        assert_error_page(tab, data, line)

        fix_data(data)
        wait_until(
            lambda: tab.shows(base, HOME_TITLE), CHANGE_TIMEOUT, "back after the fix", log, proc
        )
        assert tab.dialogs == []
        assert tab.shows(base + "sanyuan/", "三元区")
        assert proc.poll() is None


def test_broken_while_serving_the_page_turns_into_the_problems_and_back(data, tab, tmp_path):
    log = tmp_path / "serve.log"
    with serving(data, log) as (base, proc):
        assert tab.shows(base + "sanyuan/", "三元区")
        line = break_data(data)
        wait_until(
            lambda: tab.shows(base + "sanyuan/", ERROR_TITLE),
            CHANGE_TIMEOUT,
            "showing the error page",
            log,
            proc,
        )
        assert_error_page(tab, data, line)
        status, body = fetch(base)
        assert status == 200 and ERROR_TITLE in body

        fix_data(data)
        wait_until(
            lambda: tab.shows(base + "sanyuan/", "三元区"),
            CHANGE_TIMEOUT,
            "back after the fix",
            log,
            proc,
        )
        assert tab.shows(base, HOME_TITLE)
        assert tab.dialogs == []
