"""Paths and helpers shared by the tests (imported as ``helpers``)."""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FROZEN_TREE = ROOT / "tests" / "fixtures" / "frozen_2024" / "data"


def _frozen() -> Path:
    """The 2024 data, frozen (tests/fixtures/frozen_2024): what tests of behaviour build and
    read, so that their expectations hold however data/ grows. A source's full text is
    stored once in the project, under data/, never copied: the tree is assembled here, per
    test process, with its source texts taken from data/."""
    work = Path(tempfile.mkdtemp(prefix="frozen-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    tree = work / "data"
    shutil.copytree(FROZEN_TREE, tree)
    for meta in tree.glob("*/sources/*.yaml"):
        text = meta.with_suffix(".txt")
        shutil.copyfile(DATA / text.relative_to(tree), text)
    return tree


FROZEN = _frozen()
BAD_INPUTS = ROOT / "tests" / "bad_inputs"
# The public address of test builds that have one.
PUBLIC_ADDRESS = "https://example.org/cppcc/"
# a build to publish needs a way to report errors (the footer's); tests publish with this one
PUBLIC_CONTACT = "纠错测试 errors@example.invalid"
PUBLISHED = {"SITE_URL": PUBLIC_ADDRESS, "SITE_CONTACT": PUBLIC_CONTACT}
# What the published test build's mkdocs.yml says beyond the project's own (tests/conftest.py):
# a filing number, and a contact which SITE_CONTACT overrides, as an editor fills them in.
PUBLISHED_ICP = "测试ICP备00000000号"
PUBLISHED_CONFIG_CONTACT = "mkdocs.yml 里的联系方式"
# Debian's Chromium for the browser tests.
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
SOURCE_ARTICLE = ROOT.parent / "shared" / "sources" / "000_1c9ea9ad821ec5ae.txt"


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict | None = None, fresh: bool = False
) -> subprocess.CompletedProcess:
    """Run ``python -m site_builder`` as the editor would, capturing its output."""
    return run_module("site_builder", list(args), cwd, env, fresh, timeout=120)


_server: subprocess.Popen | None = None
_requests = 0


def _command_server() -> subprocess.Popen:
    """This test process's command server (tests/command_server.py), started at first use."""
    global _server
    if _server is None or _server.poll() is not None:
        replies, reply_end = os.pipe()
        _server = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "command_server.py"), str(reply_end)],
            stdin=subprocess.PIPE,
            pass_fds=(reply_end,),
            env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
            cwd=ROOT,
            text=True,
            encoding="utf-8",
            start_new_session=True,  # stopped with its children (see _stop_server)
        )
        os.close(reply_end)
        _server.replies = os.fdopen(replies, encoding="utf-8")
        atexit.register(_stop_server, _server)
    return _server


def _stop_server(server: subprocess.Popen) -> None:
    if server.returncode is None:  # its process group is still its own: not a reused id
        with contextlib.suppress(OSError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    for pipe in (server.stdin, server.replies):
        with contextlib.suppress(OSError):
            pipe.close()


def run_module(
    module: str,
    args: list[str],
    cwd: Path = ROOT,
    env: dict | None = None,
    fresh: bool = False,
    timeout: float = 240,  # under pytest-timeout's 300 s, so this says what was stuck
) -> subprocess.CompletedProcess:
    """``python -m <module> <args>`` from ``cwd``, with ``env`` added to this environment.

    Run in a child of the command server (tests/command_server.py), which has imported what
    the commands import, unless ``fresh``: then in a new interpreter, as the editor starts it
    (the shared build and one `check` go that way, so the start-up path stays tested).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    if fresh or os.name != "posix":
        return subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )
    server = _command_server()
    global _requests
    _requests += 1
    with tempfile.TemporaryDirectory(prefix="run-") as folder:
        out, err = Path(folder, "out"), Path(folder, "err")
        request = {"id": _requests, "module": module, "args": args, "cwd": str(cwd), "env": env}
        try:
            server.stdin.write(json.dumps({**request, "out": str(out), "err": str(err)}) + "\n")
            server.stdin.flush()
            ready, _, _ = select.select([server.replies], [], [], timeout)
            reply = json.loads(server.replies.readline() or "null") if ready else None
        except BaseException:  # pytest-timeout, ^C, a broken pipe: never leave a run behind
            _stop_server(server)
            raise
        if reply is None or reply["id"] != request["id"]:
            _stop_server(server)  # the next run starts a new server
            if ready:
                raise RuntimeError(f"the command server stopped while running {module} {args}")
            raise subprocess.TimeoutExpired([module, *args], timeout)
        return subprocess.CompletedProcess(
            [module, *args],
            reply["code"],
            out.read_text(encoding="utf-8"),
            err.read_text(encoding="utf-8"),
        )


def cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m site_builder`` run in this process: the same ``main``, what it prints and
    its exit code, without the half second a new interpreter takes to start. Tests of what
    the command says use it; ``run_cli`` proves the wiring end to end."""
    from site_builder.cli import main

    out, err = io.StringIO(), io.StringIO()
    before_env, before_cwd = dict(os.environ), Path.cwd()
    # argparse wraps help at the terminal's width: a new process writing to a pipe has none
    os.environ.update({"COLUMNS": "80", **(env or {})})
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse: --help, or a mistyped command
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    finally:
        os.chdir(before_cwd)
        os.environ.clear()
        os.environ.update(before_env)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def bad_input_cases() -> list[str]:
    return sorted(p.name for p in BAD_INPUTS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def materialise_case(name: str, dest: Path) -> tuple[Path, dict]:
    """Copy the small base data tree to ``dest/data`` and apply the case's overlay."""
    case = BAD_INPUTS / name
    data = dest / "data"
    shutil.copytree(BAD_INPUTS / "_base" / "data", data)
    if (case / "data").exists():  # a case may only remove files (git keeps no empty folder)
        shutil.copytree(case / "data", data, dirs_exist_ok=True)
    meta = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    for rel in meta.get("remove", []):
        (data / rel).unlink()
    return data, meta


def build_site(
    dest: Path,
    data_dir: Path | None = None,
    extra_env: dict | None = None,
    config: Path | None = None,
    cwd: Path = ROOT,
    fresh: bool = False,
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as the editor does, into ``dest`` (from ``cwd``, which decides
    how messages name the data files)."""
    env = {"NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if data_dir is not None:
        env["SITE_DATA_DIR"] = str(data_dir)
    args = ["build", "--strict", "-d", str(dest), "-f", str(config or ROOT / "mkdocs.yml")]
    return run_module("mkdocs", args, cwd, env, fresh)
