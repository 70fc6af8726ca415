"""The generic checker: a YAML document against a record definition (``records``), every
problem said in Chinese with its file, line and field.

It knows types, not rules: what a slug, a number or a list of clauses must look like, how to
say that a field is missing or unknown (with a "did you mean"), and where in the file each
value stands. What a figure, a report or a source must satisfy beyond its types lives in
``rules``. Pydantic does the checking; this module turns its findings into ``Problem``s.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem, hint_closest
from .records import Expect
from .yamlio import LineDict, LineList

M = TypeVar("M", bound=BaseModel)
MAPPING = "键: 值 形式的映射（每行“名称: 内容”）"


def kind_name(node) -> str:
    """What the editor wrote, named in Chinese."""
    if node is None:
        return "空值"
    if isinstance(node, bool):
        return f"布尔值 {str(node).lower()}"
    if isinstance(node, dict):
        return "映射（键: 值）"
    if isinstance(node, list | tuple):
        return "列表"
    if isinstance(node, int | float):
        return f"数字 {node}"
    return f"文字“{node}”"


def field_name(parts: list) -> str:
    """("figures", 0, "value") -> "figures[1].value" (items counted from 1, as editors do)."""
    out = ""
    for part in parts:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unwrap(annotation):
    """The model or Literal inside Optional[...], tuple[..., ...] and Annotated[...]."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(args[0])
    if origin in (tuple, list) or (origin is not None and args and type(None) in args):
        inner = [a for a in args if a is not type(None) and a is not Ellipsis]
        return _unwrap(inner[0]) if len(inner) == 1 else annotation
    return annotation


def _expect(annotation) -> str:
    """The Expect text carried by an annotation (or by a type inside it)."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Expect):
            return meta.text
    for arg in typing.get_args(annotation):
        found = _expect(arg) if arg is not annotation else ""
        if found:
            return found
    return ""


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """The model's fields by the name the editor writes (the alias)."""
    return {(f.alias or name): f for name, f in model.model_fields.items()}


class _Located:
    """Where a pydantic error location points in the document and in the definitions."""

    def __init__(self, doc, model: type[BaseModel], loc: tuple):
        self.node, self.line, self.parts = doc, getattr(doc, "line", 1), []
        self.parent, self.key, self.model, self.annotation = None, None, model, None
        for step in loc:
            if isinstance(self.node, LineDict):
                if step not in self.node:  # a missing field: point at its mapping
                    self._descend_model(step)
                    self.parts.append(step)
                    self.parent, self.key, self.node = self.node, step, None
                    continue
                self.line = self.node.line_of(step)
                self._descend_model(step)
                self.parts.append(step)
                self.parent, self.key, self.node = self.node, step, self.node[step]
            elif (
                isinstance(self.node, LineList) and isinstance(step, int) and step < len(self.node)
            ):
                self.line = self.node.line_of(step)
                self.parts.append(step)
                self.node = self.node[step]
                if self.annotation is not None:
                    inner = _unwrap(self.annotation)
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        self.model, self.annotation = inner, None
            # anything else names a branch of a union ("int", "float"): not a place

    def _descend_model(self, key) -> None:
        if self.model is None:
            return
        field = _fields(self.model).get(key)
        if field is None:
            self.model, self.annotation = None, None
            return
        inner = _unwrap(field.annotation)
        self.annotation = field.annotation
        self.field = field
        if (
            isinstance(inner, type)
            and issubclass(inner, BaseModel)
            and not _is_sequence(field.annotation)
        ):
            self.model, self.annotation = inner, None

    @property
    def expected(self) -> str:
        if self.annotation is not None:
            text = _expect_from_field(self) or _expect(self.annotation)
            if text:
                return text
        return MAPPING


def _is_sequence(annotation) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_sequence(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (tuple, list):
        return True
    return any(_is_sequence(a) for a in typing.get_args(annotation) if a is not type(None))


def _expect_from_field(located: _Located) -> str:
    field = getattr(located, "field", None)
    if field is None:
        return ""
    for meta in field.metadata:
        if isinstance(meta, Expect):
            return meta.text
    inner = _unwrap(field.annotation)
    if _is_sequence(field.annotation) and isinstance(inner, type) and issubclass(inner, BaseModel):
        return "列表（每项以“- ”开头）"
    return ""


def _literal_choices(annotation) -> tuple:
    inner = _unwrap(annotation)
    if typing.get_origin(inner) is Literal:
        return typing.get_args(inner)
    return ()


def _problem(shown: str, doc, model: type[BaseModel], error: dict) -> Problem:
    where = _Located(doc, model, error["loc"])
    kind, value = error["type"], error.get("input")
    field = field_name(where.parts)
    expected = where.expected
    if kind == "missing":
        what = "缺少这个必填字段"
    elif kind == "extra_forbidden":
        parent = _Located(doc, model, tuple(error["loc"][:-1])).model or model
        known = list(_fields(parent))
        what = f"未知字段{hint_closest(where.key, known)}"
        expected = "以下字段之一：" + "、".join(known)
    elif kind in ("number_text", "date"):
        what, expected = error["ctx"]["what"], error["ctx"]["expected"]
    elif kind == "literal_error":
        choices = _literal_choices(where.annotation) if where.annotation is not None else ()
        what = f"“{value}”不是可选值{hint_closest(str(value), [str(c) for c in choices])}"
    elif kind == "string_pattern_mismatch":
        if "年-月-日" in expected:
            what = f"“{value}”不是日期"
        elif "网址" in expected:
            what = f"“{value}”不是网址"
        elif isinstance(value, str) and value[:1].isdigit():
            what = f"“{value}”以数字开头" + (
                "，像一个年份" if len(value) == 4 and value.isdigit() else ""
            )
        else:
            what = f"“{value}”含有不允许的字符"
    elif kind == "string_too_short":
        what = "这里是空的"
    elif kind in ("int_type", "int_from_float") and "整数" in expected:
        what = f"“{value}”不是整数"
    elif kind == "bool_type":
        what = f"“{value}”不是 true/false"
    elif kind in ("too_short", "too_long", "greater_than_equal") and "方格" in expected:
        what = f"{list(where.node) if isinstance(where.node, list) else value} 不是一个方格位置"
    else:
        what = f"这里是{kind_name(value)}"
    if not where.parts:
        field = "（文件顶层）"
    return Problem(shown, where.line, field, what, expected)


def check(model: type[M], doc, shown: str) -> tuple[M | None, list[Problem]]:
    """``doc`` (as ``yamlio`` read it) as a ``model``, or None and every problem in it."""
    if not isinstance(doc, dict):
        return None, [
            Problem(
                shown, getattr(doc, "line", 1), "（文件顶层）", f"这里是{kind_name(doc)}", MAPPING
            )
        ]
    try:
        return model.model_validate(doc), []
    except ValidationError as exc:
        problems, seen = [], set()
        for error in exc.errors():
            problem = _problem(shown, doc, model, error)
            key = (problem.line, problem.field)
            if key not in seen:  # a union reports each branch: say it once
                seen.add(key)
                problems.append(problem)
        return None, _without_echoes(problems)


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """A misspelt field is one problem, not two: drop "missing X" when an unknown field beside
    it is a likely misspelling of X (its own message already says "是不是想写 X")."""
    guessed = {
        (p.field.rpartition(".")[0], m.group(1))
        for p in problems
        if (m := re.search(r"是不是想写 (\S+?)？", p.what))
    }
    return [
        p
        for p in problems
        if not (
            p.what == "缺少这个必填字段"
            and (p.field.rpartition(".")[0], p.field.rpartition(".")[2]) in guessed
        )
    ]


def check_item(model: type[M], node, shown: str, where: str, line: int) -> tuple[M | None, list]:
    """One item of a list, checked on its own (so one bad item does not hide the others)."""
    if not isinstance(node, dict):
        return None, [Problem(shown, line, where, f"这里是{kind_name(node)}", MAPPING)]
    record, problems = check(model, node, shown)
    return record, [
        Problem(
            p.path,
            p.line,
            f"{where}.{p.field}" if p.field != "（文件顶层）" else where,
            p.what,
            p.expected,
        )
        for p in problems
    ]
