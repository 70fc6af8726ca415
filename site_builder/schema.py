"""The one definition of every published table.

CSV headers, the data dictionary on the 数据与方法 page, the XLSX column sheet and the
Frictionless ``datapackage.json`` are all generated from ``TABLES``; a test fails if a
written column is missing here, so nothing a journalist downloads is undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .compare import STATUS_MEANING
from .qualifiers import QUALIFIERS


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type: string | integer | number | boolean
    title: str
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Table:
    name: str  # file is <name>.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    per_region: bool = False  # also written once per region as <region_id>.csv
    extra: dict = field(default_factory=dict)
    files: str = ""  # a chart table: the files under downloads/charts/ that follow it

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


_REGION_ID = Column(
    "region_id",
    "string",
    "地区 id",
    "县级单位的拼音 id，与 regions.csv 对应，也是网站上地区页的网址",
)
_REGION_NAME = Column("region_name", "string", "地区", "县级单位的中文名称")
_YEAR = Column("year", "integer", "年份", "数据所属年份")
_EVIDENCE = Column(
    "evidence", "string", "原文摘句", "来源中包含该数字的一个原文短句，一字未改，可用于核对"
)

_METRIC_ID = Column("metric_id", "string", "指标 id", "指标的英文 id，与 metrics.csv 对应")
_METRIC_NAME = Column("metric_name", "string", "指标", "指标的中文名称")
_STATUS = Column(
    "status",
    "string",
    "状态",
    "；".join(f"{k} = {v}" for k, v in STATUS_MEANING.items()),
    enum=tuple(STATUS_MEANING),
)
# A figure's unit, qualifier and clause in a chart's table, where a row may have no figure.
_OPTIONAL_FIGURE = (
    Column("unit", "string", "单位", "原文使用的单位；没有数字时为空", required=False),
    Column(
        "qualifier",
        "string",
        "限定",
        "数字的限定（同 figures.csv）；没有数字时为空",
        enum=tuple(QUALIFIERS),
        required=False,
    ),
    Column("evidence", "string", "原文摘句", "同 figures.csv；没有数字时为空", required=False),
)
_SOURCE_ID = Column("source_id", "string", "来源 id", "摘句所出自的来源，与 sources.csv 对应")

FIGURE_COLUMNS = (
    _YEAR,
    _REGION_ID,
    _REGION_NAME,
    _METRIC_ID,
    _METRIC_NAME,
    Column("category", "string", "类别", "指标所属的工作类别（中文），见 metrics.csv"),
    Column(
        "value", "number", "数值", "原文写出的数字本身，不含“多/余/近/约”；须与 qualifier 一起读"
    ),
    Column(
        "unit",
        "string",
        "单位",
        "原文使用的单位，照原文保留（如“场次”“场”）；原文没有说明不同写法是否同义",
    ),
    Column(
        "qualifier",
        "string",
        "限定",
        "数字的限定：" + "；".join(f"{k} = {v}" for k, v in QUALIFIERS.items()),
        enum=tuple(QUALIFIERS),
    ),
    _EVIDENCE,
    Column("note", "string", "说明", "整理者的说明，如合计口径、时点数等；可为空", required=False),
    _SOURCE_ID,
)

TABLES: tuple[Table, ...] = (
    Table(
        "figures",
        "全部数字",
        "来源中写出的工作数字（哪些数字不收，见“数据与方法”），一行一个（长表）。没有报告的指标没有行：缺失不等于零。",
        FIGURE_COLUMNS,
        primary_key=("year", "region_id", "metric_id"),
        foreign_keys=(
            ("region_id", "regions", "region_id"),
            ("metric_id", "metrics", "metric_id"),
            ("source_id", "sources", "source_id"),
        ),
        per_region=True,
    ),
    Table(
        "regions",
        "地区",
        "三明市全部 11 个县级单位，包括尚无数据的地区。",
        (
            _REGION_ID,
            _REGION_NAME,
            Column("kind", "string", "类型", "区、市或县", enum=("区", "市", "县")),
            Column("display_order", "integer", "顺序", "网站上的显示顺序"),
            Column(
                "years_covered",
                "string",
                "有来源的年份",
                "有来源记述该单位的年份，用“;”分隔；为空表示还没有任何来源记述它（暂无数据）",
                required=False,
            ),
            Column(
                "figure_count",
                "integer",
                "数字个数",
                "该地区在 figures.csv 中的行数，即本站从来源整理出的数字个数，多少取决于来源写了多少，不能用来比较各地的工作；暂无数据的地区为空（不是 0）",
                required=False,
            ),
            Column(
                "honour_count",
                "integer",
                "首创与荣誉个数",
                "该地区在 honours.csv 中的行数；0 表示来源写到了该地区，但没有写到它的首创或荣誉（不表示没有）；暂无数据的地区为空（不是 0）",
                required=False,
            ),
        ),
        primary_key=("region_id",),
    ),
    Table(
        "metrics",
        "指标目录",
        "每个指标的名称、类别、单位、定义，以及能否在地区之间比较。",
        (
            Column("metric_id", "string", "指标 id", "指标的英文 id"),
            Column("metric_name", "string", "指标", "指标的中文名称"),
            Column("category_id", "string", "类别 id", "类别的英文 id"),
            Column("category", "string", "类别", "类别的中文名称"),
            Column("unit", "string", "单位", "指标的计量单位"),
            Column(
                "unit_aliases",
                "string",
                "其他单位写法",
                "同一指标在原文中出现的其他单位写法，用“、”分隔；不表示与 unit 同义；可为空",
                required=False,
            ),
            Column("definition", "string", "定义", "指标的一句话定义"),
            Column(
                "comparable",
                "boolean",
                "可比",
                "true 表示各地原文用同一说法记，可以并列比较（口径差别见“比较时须知”）",
            ),
            Column(
                "caveat",
                "string",
                "比较时须知",
                "比较这项指标时读者必须知道的口径差异；可为空",
                required=False,
            ),
        ),
        primary_key=("metric_id",),
    ),
    Table(
        "honours",
        "首创与荣誉",
        "来源文章提到的首创、首家、典型案例、获肯定等事项，用我们自己的话概述，并附原文摘句。",
        (
            _YEAR,
            _REGION_ID,
            _REGION_NAME,
            Column("kind", "string", "类型", "事项的类型"),
            Column("text", "string", "概述", "整理者对该事项的概述"),
            Column(
                "evidence",
                "string",
                "原文摘句",
                "支持该事项的原文摘句，一字未改；有几句时以“ | ”隔开（各句之间不一定有删节）",
            ),
            Column(
                "holder",
                "string",
                "所属单位",
                "原文把这项首创或荣誉记在谁名下，如果不是该地区政协本身（如政协推动的某项服务），"
                "或原文没有写明主体；为空表示属于政协",
                required=False,
            ),
            _SOURCE_ID,
        ),
        primary_key=("year", "region_id", "text"),
        foreign_keys=(
            ("region_id", "regions", "region_id"),
            ("source_id", "sources", "source_id"),
        ),
    ),
    Table(
        "sources",
        "来源",
        "数字、亮点和荣誉所引用的每一份文件。本站只引用来源，不转载其全文。"
        "不知道的信息留空（网站上显示“未知”）。",
        (
            _SOURCE_ID,
            _YEAR,
            Column("title", "string", "标题", "来源的标题"),
            Column("byline", "string", "作者", "署名；未知时为空", required=False),
            Column(
                "publisher",
                "string",
                "发布者",
                "发布该文件的媒体或机构；未知时为空",
                required=False,
            ),
            Column("date", "string", "发布日期", "发布日期；未知时为空", required=False),
            Column("url", "string", "网址", "原文网址；未知时为空", required=False),
            Column(
                "covers",
                "string",
                "记述的地区",
                "该来源分地区记述了哪些县级单位（地区 id，用“;”分隔）；其余单位在这一年“暂无数据”",
            ),
        ),
        primary_key=("source_id",),
    ),
)

# The data behind each chart, one file per chart under charts/ (see the chart's "数据" link).
CHART_TABLES: tuple[Table, ...] = (
    Table(
        "chart_comparison",
        "图表数据：可比指标",
        "一张可比指标图的全部数据：三明市每个县级单位一行。没有数字的单位 value 为空，"
        "status 说明原因（未报告或暂无数据），从不写 0；status 为 not_reported 而 note 不空的，"
        "是只报告了包含这项的合计数，网站上写作“未单独报告”。",
        (
            _YEAR,
            _REGION_ID,
            _REGION_NAME,
            _METRIC_ID,
            _METRIC_NAME,
            _STATUS,
            Column(
                "value",
                "number",
                "数值",
                "原文写出的数字，不含“多/余/近/约”；status 不是 reported 时为空",
                required=False,
            ),
            *_OPTIONAL_FIGURE,
            Column(
                "note",
                "string",
                "说明",
                "同 figures.csv；未报告的单位若只报告了包含这项工作的合计数，这里写明（本站的说明），"
                "网站上这一行写作“未单独报告”；可为空",
                required=False,
            ),
            Column(
                "source_id", "string", "来源 id", "同 figures.csv；没有数字时为空", required=False
            ),
            Column(
                "caveat",
                "string",
                "比较时须知",
                "比较这项指标时读者必须知道的口径差异（来自指标目录）；可为空",
                required=False,
            ),
        ),
        primary_key=("year", "region_id", "metric_id"),
        foreign_keys=(("region_id", "regions", "region_id"), ("metric_id", "metrics", "metric_id")),
        files="<年份>-<指标 id>.csv，如 2024-targeted_consultations.csv",
    ),
    Table(
        "chart_change",
        "图表数据：历年变化",
        "一个地区的一项指标在各年的数字；没有数字的年份 value 为空，status 说明原因，从不写 0。",
        (
            _YEAR,
            _REGION_ID,
            _REGION_NAME,
            _METRIC_ID,
            _METRIC_NAME,
            _STATUS,
            Column(
                "value",
                "number",
                "数值",
                "原文写出的数字，不含限定词；没有数字的年份为空",
                required=False,
            ),
            Column("label", "string", "说法", "带限定词的数字，如“至少 10 场次”，或没有数字的原因"),
            *_OPTIONAL_FIGURE,
            Column("note", "string", "说明", "同 figures.csv；可为空", required=False),
            Column(
                "source_id",
                "string",
                "来源 id",
                "该年数字出自的来源；没有数字时为空",
                required=False,
            ),
        ),
        primary_key=("year", "region_id", "metric_id"),
        foreign_keys=(("region_id", "regions", "region_id"), ("metric_id", "metrics", "metric_id")),
        files="change-<地区 id>-<指标 id>.csv（有两年以上的数字时才有）",
    ),
    Table(
        "chart_tiles",
        "图表数据：示意图",
        "方块示意图的全部数据：每个县级单位一个方块，按大致方位排列（上为北），不表示边界和面积。",
        (
            _REGION_ID,
            _REGION_NAME,
            Column("col", "integer", "列", "方块所在的列，从西（0）往东"),
            Column("row", "integer", "行", "方块所在的行，从北（0）往南"),
            Column(
                "label",
                "string",
                "方块上的字",
                "方块上地区名下面的字，如数字或“暂无数据”；可为空",
                required=False,
            ),
            Column(
                "caveat",
                "string",
                "比较时须知",
                "示意图画的是一项可比指标时，比较它须知的口径差异（来自指标目录）；可为空",
                required=False,
            ),
        ),
        primary_key=("region_id",),
        files="<年份>-map.csv、<年份>-<地区 id>-map.csv、newest-map.csv（比较图的小示意图与比较图共用数据文件）",
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES + CHART_TABLES}
