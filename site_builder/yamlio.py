"""Read one YAML data file the way an editor on Chinese Windows may have saved it.

Why not plain ``yaml.safe_load``: messages must name the line of every problem, so
mappings and lists remember where each key and item stands; files saved as GBK or with
tab indentation must give a message that says how to fix them; duplicate keys, which
YAML silently collapses, must be caught.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from .errors import Problem, os_error_words


class LineDict(dict):
    """A mapping that remembers its own line and the line of every key."""

    line: int = 1
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that remembers its own line and the line of every item."""

    line: int = 1
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


# libyaml's parser when PyYAML has it (several times faster); the constructors are the same.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):
    """SafeLoader whose mappings and sequences carry line numbers."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay text ("2026-11-27"): the checker validates them with a message, where PyYAML's
# own date constructor would crash on an impossible date such as 2026-13-01.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _decode(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(codecs.BOM_UTF8):  # Notepad on Windows adds a BOM: accept it.
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK/GB2312（简体中文 Windows 的默认编码）"
        except UnicodeDecodeError:
            guess = "无法识别其编码"
        return None, Problem(
            shown,
            line,
            "",
            f"文件不是 UTF-8 编码，{guess}",
            "UTF-8 编码。修改方法：用记事本或 VS Code 打开，选择“另存为”，编码选“UTF-8”后保存",
        )


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, Problem | None]:
    """A data file's bytes, or why it cannot be read, in Chinese. A folder is said to be one
    before reading it: Windows reports reading a folder as "permission denied"."""
    if path.is_dir():
        return None, Problem(
            shown, 1, "", "无法读取文件：这是一个文件夹，不是文件", "一个可以读取的文件"
        )
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, Problem(
            shown, 1, "", f"无法读取文件：{os_error_words(exc)}", "一个可以读取的文件"
        )


# PyYAML's words for the mistakes editors make most, said in Chinese (others stay as said).
YAML_PROBLEMS = {
    "did not find expected ',' or ']'": "方括号 [ ] 没有闭合，或列表项之间缺少逗号",
    "did not find expected ',' or '}'": "花括号 { } 没有闭合，或各项之间缺少逗号",
    "did not find expected key": "这里应是“键: 值”，多半是缩进没有对齐",
    "mapping values are not allowed here": "这里不能出现“: ”（值里有冒号时，给整个值加引号）",
    "could not find expected ':'": "缺少冒号，应写成“键: 值”",
    "did not find expected '-' indicator": "列表项应以“- ”开头，多半是缩进没有对齐",
    "found unknown escape character": "双引号里的反斜杠“\\”后面跟了 YAML 不认识的字符"
    "（反斜杠本身写成“\\\\”，或改用单引号）",
}


def _missing_colon(line: str) -> str:
    """What is wrong with a key line PyYAML found no colon on: the editor's usual slips."""
    key = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w]*)\s*(：|:(?=\S))?", line)
    if key and key.group(2) == "：":
        return f"{key.group(1)} 后面是全角冒号“：”（中文输入法），应写成半角冒号加空格“{key.group(1)}: ”"
    if key and key.group(2):
        return f"{key.group(1)} 的冒号后面缺少空格，应写成“{key.group(1)}: ”"
    return "这一行缺少冒号，应写成“键: 值”"


def read_yaml(path: Path, shown: str) -> tuple[object, list[Problem]]:
    """Parse ``path``; return the document (or None) and the problems found.

    ``shown`` is the path as messages print it (relative to the project).
    """
    raw, unreadable = read_bytes(path, shown)
    if unreadable:
        return None, [unreadable]
    text, problem = _decode(raw, shown)
    if problem:
        return None, [problem]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [
            Problem(
                shown, 1, "", "文件是空的", "按说明填写内容的 YAML 文件（参见 README 的编辑指南）"
            )
        ]
    tab_lines = [
        i
        for i, ln in enumerate(text.splitlines(), 1)
        if ln[: len(ln) - len(ln.lstrip())].count("\t")
    ]
    if tab_lines:
        return None, [
            Problem(
                shown,
                n,
                "",
                "这一行用 Tab 键缩进",
                "只用空格缩进（YAML 不允许 Tab），请把 Tab 换成两个空格",
            )
            for n in tab_lines
        ]
    try:
        return yaml.load(text, Loader=_LineLoader), []  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as dup:
        return None, [
            Problem(
                shown,
                dup.line,
                "",
                f"键 {dup.key} 在同一处写了两次",
                "每个键只出现一次，请删去或合并重复的一行",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "无法解析"
        if (
            exc.context_mark
            and "quoted scalar" in (exc.context or "")
            and "end of stream" in (exc.problem or "")
        ):
            # an unclosed quote is found at the end of the file: point to where it opened
            mark, what = exc.context_mark, "这一行的引号没有闭合，直到文件末尾"
        elif what == "could not find expected ':'" and exc.context_mark:
            # found on the line after; the key without its colon is where the scan began
            mark = exc.context_mark
            what = _missing_colon(
                text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
            )
        line = mark.line + 1 if mark else 1
        return None, [
            Problem(
                shown,
                line,
                "",
                f"YAML 格式错误：{YAML_PROBLEMS.get(what, what)}",
                "合法的 YAML，检查这一行及上一行的缩进是否对齐、冒号后是否有空格、引号和括号是否成对",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
        return None, [Problem(shown, 1, "", f"YAML 无法解析（{exc}）", "合法的 YAML")]
