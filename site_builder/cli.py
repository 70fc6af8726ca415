"""Command line: ``python -m site_builder check`` and ``python -m site_builder export OUT_DIR``.

This is the edge where precise exceptions become messages for the editor: problems are
printed as ``path:line: message`` in Chinese with exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import editor_schema, figure_table
from .config import data_dir_of
from .errors import DataError, hint_closest, os_error_words, shown_path
from .validate import load_dataset


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # a subcommand's prog is formatted with prefix "": keep it, or it says 用法 twice
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def _format_action(self, action):
        text = super()._format_action(action)
        if isinstance(action, argparse._SubParsersAction):
            # its first line is its metavar (命令), under the group titled 命令: say it once
            text = text.split("\n", 1)[1]
        return text


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: the editor's terminal never shows argparse's English."""

    def __init__(self, add_help: bool = True, **kwargs):
        super().__init__(formatter_class=_ChineseHelp, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示这段说明")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"命令有误：{_said_in_chinese(message)}。", file=sys.stderr)
        sys.exit(1)


# argparse's own messages, and how the editor reads them.
_ARGPARSE_MESSAGES = [
    (re.compile(r"unrecognized arguments: (.+)"), "不认识的参数 {0}"),
    (re.compile(r"the following arguments are required: (.+)"), "缺少 {0}"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "{0} 应为整数，如 2024，不是“{1}”"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 后面缺少它的值"),
    (
        re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.+)\)"),
        "没有命令“{1}”{3}，可用的命令：{2}",
    ),
]


def _said_in_chinese(message: str) -> str:
    for pattern, words in _ARGPARSE_MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            groups = [g.replace("'", "") for g in m.groups()]
            if "invalid choice" in message:
                commands = groups[2].split(", ")
                groups[2:] = ["、".join(commands), hint_closest(groups[1], commands)]
            return words.format(*groups)
    return message


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m site_builder", description="三明市县级政协履职数据：检查与导出")
    data_help = (
        "数据目录（默认与 mkdocs build 相同：环境变量 SITE_DATA_DIR，"
        "否则 mkdocs.yml 的 extra.data_dir，否则 data）"
    )
    p.add_argument("--data", type=Path, metavar="目录", help=data_help)
    # --data may also follow the command (`check --data DIR`), as the README writes it
    sub = p.add_subparsers(dest="command", required=True, title="命令", metavar="命令")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, help=help_, description=help_)
        parser.add_argument(
            "--data", type=Path, metavar="目录", default=argparse.SUPPRESS, help=data_help
        )
        return parser

    command("check", "检查 data/ 下的全部数据文件")
    export = command("export", "把数据导出为 CSV 等下载文件")
    export.add_argument("out_dir", type=Path, metavar="输出目录", help="下载文件写到这里")
    command("schema", "重新生成 schema/ 下的 JSON Schema（编辑器据此在输入时标出错误）")
    to_csv = command(
        "figures-to-csv",
        "把某一年各地区文件里的 figures 移到 data/<年>/figures.csv（用 Excel/WPS 编辑）",
    )
    to_csv.add_argument("year", type=int, metavar="年份", help="年份，如 2024")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Path.cwd()
    # The project's own data (not a folder named with --data): its editor tools must know it.
    configured = data_dir_of(project)
    own_data = args.data is None and configured == project / "data"
    if args.data is None:
        args.data = configured
    try:
        ds = load_dataset(args.data)
        if own_data and args.command == "check":
            lagging = editor_schema.lagging(project, ds)
            if lagging:
                raise DataError(lagging, notes=ds.notes)
    except DataError as exc:
        for note in exc.notes:  # how a table was read: mojibake shows here
            print(note, flush=True)
        print(exc.report(), file=sys.stderr)
        return 1
    n_figures = sum(len(r.figures) for r in ds.reports)
    with_data = {r.region_id for r in ds.reports}
    if args.command == "check":
        for note in ds.notes:
            print(note)
        print(
            f"数据检查通过：{len(ds.years)} 个年份、{len(with_data)}/{len(ds.regions)} 个地区有数据、"
            f"{n_figures} 个数字、{len(ds.metrics)} 个指标。"
        )
        return 0
    if args.command == "figures-to-csv":
        return _figures_to_csv(ds, Path(args.data), args.year)
    if args.command == "schema":
        project = Path(args.data).resolve().parent
        for path, changed in editor_schema.write(project, ds):
            said = "已更新" if changed else "没有变化"
            print(f"{said}：{path.relative_to(project).as_posix()}")
        return 0
    # imported here: pandas, which only the downloads need, doubled every `check`'s start-up
    from .export import download_files, write_files

    try:
        files = download_files(ds)
        write_files(files, args.out_dir)
    except OSError as exc:
        print(
            f"{args.out_dir}: 无法写入导出文件（{os_error_words(exc)}）。应为：一个可写的目录。",
            file=sys.stderr,
        )
        return 1
    print(f"已导出 {len(files)} 个文件到 {args.out_dir}：{n_figures} 个数字。")
    return 0


def _years_of(ds) -> str:
    return "、".join(str(y) for y in sorted({r.year for r in ds.reports})) or "（没有）"


def _figures_to_csv(ds, data: Path, year: int) -> int:
    """Move a year's figures from the region files into one table, or change nothing."""
    year_dir = data / str(year)
    reports = [r for r in ds.reports if r.year == year]
    target = year_dir / figure_table.NAME
    if not reports or target.exists():
        why, expected = (
            (
                f"{shown_path(target)} 已经存在",
                "一个数字还写在地区文件里、还没有 figures.csv 的年份",
            )
            if reports
            else (f"{year} 年没有地区文件", f"data/ 下已有的年份：{_years_of(ds)}")
        )
        print(f"{year_dir}: 没有转换：{why}。应为：{expected}。", file=sys.stderr)
        return 1
    table = figure_table.to_csv([(r.region_id, r.source_id, r.figures) for r in reports])
    files = [
        next(
            year_dir / f"{r.region_id}{ext}"
            for ext in (".yaml", ".yml")
            if (year_dir / f"{r.region_id}{ext}").exists()
        )
        for r in reports
    ]
    originals = {path: path.read_bytes() for path in files}  # restored byte for byte on failure
    try:
        target.write_bytes(table)
        for path, raw in originals.items():
            bom = raw.startswith(b"\xef\xbb\xbf")
            text = figure_table.without_figures(raw.decode("utf-8-sig"))
            path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        load_dataset(data)  # the same data, the other way: it must still pass
    except (OSError, DataError) as exc:
        target.unlink(missing_ok=True)
        for path, raw in originals.items():
            path.write_bytes(raw)
        said = str(exc)
        if isinstance(exc, OSError):  # which file, and why, in Chinese
            said = f"{exc.filename or ''}：{os_error_words(exc)}".lstrip("：")
        print(f"{year_dir}: 转换失败，文件已恢复原样：{said}", file=sys.stderr)
        return 1
    n = sum(len(r.figures) for r in reports)
    shown = shown_path(target)  # as check names files: from where the editor stands
    print(f"已把 {n} 个数字移到 {shown}，并从 {len(reports)} 个地区文件中删去 figures。")
    return 0
