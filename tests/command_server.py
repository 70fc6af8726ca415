"""Runs the tests' `python -m mkdocs build` and `python -m site_builder …` in processes forked
from one that has already imported what they import.

Each run as a new interpreter spends one to two seconds importing pandas, Altair, MkDocs,
Material and jieba (and reading jieba's dictionary) before it does anything; the suite runs
dozens. This server is started once per test process (``helpers.run_module``): it imports
them, then for each request forks a child that runs the module as ``python -m`` would
(``runpy.run_module`` with ``run_name="__main__"``), with the request's arguments, folder
and environment, its output in the request's files, and exits with the command's exit code, the normal way (atexit handlers run).
The server itself never runs a command, so each child starts from the same untouched state.

Protocol: one JSON request a line on stdin, ``{"id", "module", "args", "cwd", "env", "out",
"err"}``; one JSON reply a line, ``{"id", "code"}``, on the file descriptor given as the
first argument.
"""

from __future__ import annotations

import json
import os
import sys


def _preload() -> None:
    # What every run imports: the same modules, from the same project (PYTHONPATH).
    import jieba
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config.defaults  # noqa: F401
    from material.plugins.search import plugin  # noqa: F401

    import site_builder.cli  # noqa: F401
    import site_builder.export  # noqa: F401
    import site_builder.site  # noqa: F401

    jieba.setLogLevel(50)
    jieba.initialize()  # the default dictionary; each build adds its own words in its child


def _child(request: dict) -> int:
    """Become the command; its exit code. The caller exits with it the normal way, so that,
    as after ``python -m``, atexit handlers run (the chart-drawing processes are joined) and
    the output is flushed."""
    code = 1
    try:
        for fd, path, flags in (
            (0, os.devnull, os.O_RDONLY),
            (1, request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            opened = os.open(path, flags, 0o644)
            os.dup2(opened, fd)
            os.close(opened)
        os.chdir(request["cwd"])
        sys.path[0] = os.getcwd()  # as `python -m` puts it first (here: this file's folder)
        os.environ.clear()
        os.environ.update(request["env"])
        import runpy

        sys.argv = [request["module"], *request["args"]]
        try:
            runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exit_:
            if exit_.code is None or isinstance(exit_.code, int):
                code = exit_.code or 0
            else:  # sys.exit("message"), as the interpreter says it
                print(exit_.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
    return code


def serve(reply_fd: int) -> None:
    _preload()
    replies = os.fdopen(reply_fd, "w", encoding="utf-8")
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            replies.close()
            sys.exit(_child(request))  # unwinds out of this loop and exits the child
        _, status = os.waitpid(pid, 0)
        reply = {"id": request["id"], "code": os.waitstatus_to_exitcode(status)}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


if __name__ == "__main__":  # not when a child's spawned drawing workers import __main__
    serve(int(sys.argv[1]))
