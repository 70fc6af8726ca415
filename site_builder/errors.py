"""Problems found in the editor's data files, and the exception that carries them.

A problem is structured (file, line, field, what is wrong, what is expected) and only turned
into text at the edge, so the command line, the preview page and the tests read the same
facts. Validation collects every problem before failing, so an editor fixes a whole file in
one pass instead of one error per run.
"""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def shown_path(path: Path) -> str:
    """How a message names a data file: a path the editor can open from where they stand
    (the current folder, when the file is under it: data/2024/sanyuan.yaml from the
    project, 2024/sanyuan.yaml from inside data/), else its full path: a data folder
    elsewhere (``--data /tmp/copy/data``) must not be named like the project's own."""
    # as written first (a data folder that is a symbolic link is named by its link), then
    # with links followed (the current folder may have been reached through one)
    absolute = Path(os.path.abspath(path))
    for file, here in ((absolute, Path.cwd()), (path.resolve(), Path.cwd().resolve())):
        try:
            return file.relative_to(here).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one data file."""

    path: str  # the file as the editor sees it, e.g. data/2024/sanyuan.yaml
    line: int
    field: str  # e.g. figures[2].qualifier; "" for the file as a whole
    what: str  # what is wrong
    expected: str  # what would be right, said so the editor can fix it
    label: str = "字段"  # how the field is named: 字段 in YAML, 列 in a spreadsheet

    @property
    def message(self) -> str:
        head = f"{self.label} {self.field}：" if self.field else ""
        return _one_line(f"{head}{self.what}。应为：{self.expected}。")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _one_line(text: str) -> str:
    """A problem is one line (file:line: message), also when it quotes a cell with a line
    break in it (Alt+Enter in Excel): the break is named, not printed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "（换行）")


class DataError(Exception):
    """Raised when the data under ``data/`` cannot be published as it is."""

    def __init__(self, problems: Iterable[Problem], notes: Iterable[str] = ()):
        self.problems = sorted(set(problems))
        self.notes = list(notes)  # how the data was read (a table's encoding): said with them
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"数据检查未通过：共 {len(self.problems)} 个问题，请按上面的提示逐条修改。")
        return "\n".join(lines)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name an editor most likely meant, for "did you mean" hints."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.5)
    return matches[0] if matches else None


def hint_closest(word: str, choices: Iterable[str]) -> str:
    guess = closest(word, choices)
    return f"（是不是想写 {guess}？）" if guess else ""


def os_error_words(exc: OSError) -> str:
    """Why a file could not be read or written, said in Chinese (the system's words are
    English)."""
    if isinstance(exc, FileNotFoundError):
        return "路径不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, NotADirectoryError):
        return "路径中有一段是文件，不是文件夹"
    if isinstance(exc, PermissionError):
        return "没有权限（文件可能正被 Excel、WPS 或其他程序打开）"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "所在的磁盘只能读、不能写"
    # the system's own words: English here, but Chinese on a Chinese Windows
    return f"系统错误（{exc.strerror}）" if exc.strerror else f"系统错误（{exc}）"
