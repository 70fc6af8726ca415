"""The one definition of every record the editor writes in ``data/``.

Each pydantic model here is, at once, the typed record the rest of the program reads
(``model`` extends them with what the loader adds, such as a figure's year), the field check
the generic checker runs (``checker``), and the JSON Schema editors' tools use to underline
mistakes as they type (``python -m site_builder schema``). Field descriptions are the
Chinese hover texts; each type carries how a correct value is said ("应为：…") in messages.

Aliases are the editor's words (``metric:``), attribute names the program's (``metric_id``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .qualifiers import QUALIFIERS, read

SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"
HONOUR_KINDS = ("首创", "首家", "首个", "典型案例", "交流发言", "获肯定", "荣誉称号", "刊发")
REGION_KINDS = ("区", "市", "县")


class Expect:
    """How a correct value of a type is said, for the "应为：…" of a message."""

    def __init__(self, text: str):
        self.text = text


FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")


def _number_text(raw):
    """A value written as text: say why it is not a number, and how to write it."""
    if not isinstance(raw, str):
        return raw
    t = raw.strip()

    def refuse(what: str, expected: str):
        raise PydanticCustomError("number_text", "{what}", {"what": what, "expected": expected})

    if any("０" <= c <= "９" for c in t):
        refuse(f"“{raw}”用了全角数字", f"半角阿拉伯数字，如 {t.translate(FULL_WIDTH)}")
    m = re.match(r"^\D{0,2}?\s*(\d+(?:\.\d+)?)\s*(.*)$", t)
    reading = read(t, float(m.group(1))) if m else None
    if reading and reading.qualifier != "exact":
        refuse(
            f"“{raw}”把“{reading.word}”写进了数值",
            f"value 只写数字 {m.group(1)}，限定词写在 qualifier 字段（qualifier: {reading.qualifier}）",
        )
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(.*)$", t)
    if m and m.group(2):
        refuse(
            f"“{raw}”带了单位或其他文字",
            f"value 只写数字 {m.group(1)}，单位写在 unit 字段（unit: {m.group(2)}）",
        )
    if m:
        refuse(f"“{raw}”加了引号，成了文字", f"去掉引号，直接写 {m.group(1)}")
    if CHINESE_NUMERAL.search(t):
        refuse(f"“{raw}”是中文数字", "阿拉伯数字，如 九 写作 9、十二 写作 12")
    refuse(f"“{raw}”不是数字", "不带单位的阿拉伯数字，如 9")


def _iso_date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise PydanticCustomError(
            "date", "{what}", {"what": f"“{text}”不是日期", "expected": "年-月-日，如 2026-11-27"}
        ) from None


def _one_or_many(raw):
    """One clause may be written without the list."""
    return [raw] if isinstance(raw, str) else raw


Text = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), Expect("一段文字")
]
Slug = Annotated[
    StrictStr,
    StringConstraints(pattern=SLUG_PATTERN),
    Expect(
        "以小写英文字母开头、由小写英文字母、数字和下划线组成的 id，如 sanyuan、micro_consultations"
    ),
]
SourceSlug = Annotated[
    StrictStr,
    StringConstraints(pattern=SLUG_PATTERN),
    Expect(
        "来源 id：data/<年份>/sources/ 下来源文件的文件名（不带 .yaml），如 sanming_cppcc_review_2024"
    ),
]
Int = Annotated[StrictInt, Expect("整数，如 3")]
Bool = Annotated[StrictBool, Expect("true 或 false")]
Number = Annotated[
    StrictInt | StrictFloat, BeforeValidator(_number_text), Expect("不带单位的阿拉伯数字，如 9")
]
Date = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    AfterValidator(_iso_date),
    Expect("年-月-日，如 2026-11-27"),
]
Url = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^https?://\S+$"),
    Expect("以 http:// 或 https:// 开头的原文网址；不知道就留空"),
]
Slugs = Annotated[tuple[Slug, ...], Expect("id 的列表，如 [micro_consultations, research_reports]")]
Texts = Annotated[tuple[Text, ...], Expect("文字的列表，如 [场次]")]
Clauses = Annotated[
    tuple[Text, ...],
    BeforeValidator(_one_or_many, json_schema_input_type=str | list[str]),
    Expect("原文摘句的列表，每句从来源原文一字不改地复制，如 [组织对口协商9场]"),
]
Tile = Annotated[
    tuple[Annotated[StrictInt, Field(ge=0)], Annotated[StrictInt, Field(ge=0)]],
    Expect("[列, 行]：两个不小于 0 的整数，如 [2, 1]（上为北）"),
]
# The allowed values come from their one list (a Literal of a tuple is a Literal of its items).
Qualifier = Annotated[Literal[tuple(QUALIFIERS)], Expect("以下之一：" + "、".join(QUALIFIERS))]
HonourKind = Annotated[Literal[HONOUR_KINDS], Expect("以下之一：" + "、".join(HONOUR_KINDS))]
RegionKind = Annotated[Literal[REGION_KINDS], Expect("以下之一：" + "、".join(REGION_KINDS))]


class Record(BaseModel):
    """A record of a data file: unknown fields are refused, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- data/regions.yaml ---------------------------------------------------------------


class RegionRecord(Record):
    id: Slug = Field(
        description="拼音 id，用作网址（/sanyuan/）和 CSV 的 region_id；发布后不要改动"
    )
    name: Text = Field(description="中文名称，如 三元区")
    kind: RegionKind = Field(description="区、市或县")
    order: Int = Field(description="网站上的显示顺序")
    tile: Tile | None = Field(None, description="示意图上的方格位置 [列, 行]，上为北；不画边界")


class RegionsFile(Record):
    regions: tuple[RegionRecord, ...] = Field(description="三明市的全部县级单位")


# --- data/metrics.yaml ---------------------------------------------------------------


class CategoryRecord(Record):
    id: Slug = Field(description="类别 id")
    name: Text = Field(description="类别的中文名称")
    description: Text = Field(description="一句话说明这一类包括什么")


class MetricRecord(Record):
    id: Slug = Field(description="指标 id，CSV 中的 metric_id；发布后不要改动")
    name: Text = Field(description="中文名称")
    category: Slug = Field(description="categories 中的一个 id")
    unit: Text = Field(description="计量单位，如 场")
    unit_aliases: Texts = Field(
        (), description="同一指标在原文中的其他单位写法，如 [场次]；照原文保留，不表示与 unit 同义"
    )
    definition: Text = Field(description="一句话定义，只说原文写明的事")
    comparable: Bool = Field(
        description="各地原文用同一说法记、可以并列比较时为 true（口径差别写在 caveat）"
    )
    related: Slug | None = Field(None, description="口径相近但不可比的另一指标 id")
    caveat: Text | None = Field(None, description="比较这项指标时读者必须知道的口径差异")


class MetricsFile(Record):
    categories: tuple[CategoryRecord, ...] = Field(description="指标的类别")
    metrics: tuple[MetricRecord, ...] = Field(description="指标目录")


# --- data/dataset.yaml -----------------------------------------------------------------


class LicenceRecord(Record):
    name: Text = Field(description="许可的简称，如 CC-BY-4.0")
    title: Text = Field(description="许可的全称")
    path: Text = Field(description="许可的网址")


class DatasetFile(Record):
    name: Slug | Annotated[StrictStr, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")] = Field(
        description="数据集的英文名（下载的工作簿用它命名）"
    )
    title: Text = Field(description="数据集的中文标题")
    description: Text = Field(description="一句话说明数据集")
    licence: LicenceRecord = Field(description="本站整理的数据适用的许可")


# --- data/changelog.yaml ---------------------------------------------------------------


class ChangeRecord(Record):
    date: Date = Field(description="改动的日期（年-月-日）")
    edition: Int = Field(description="改动的是哪一年的版本")
    what: Text = Field(description="改了什么")
    why: Text = Field(description="为什么改")
    sources: Slugs | None = Field(
        None,
        description="这次改动加入这一版的来源 id；一个版本首次发布时，在它的第一条写上它依据的全部来源",
    )


class ChangelogFile(Record):
    entries: tuple[ChangeRecord, ...] = Field(description="更新记录，每条一次改动")


# --- data/<year>/sources/<source_id>.yaml --------------------------------------------


class SourceFile(Record):
    title: Text = Field(description="来源的标题")
    covers: Slugs = Field(description="来源分地区记述了哪些县级单位（地区 id）")
    byline: Text | None = Field(None, description="署名；不知道就留空")
    publisher: Text | None = Field(None, description="发布的媒体或机构；不知道就留空")
    date: Text | None = Field(None, description="发布日期；不知道就留空")
    url: Url | None = Field(None, description="原文网址；不知道就留空")
    language: Text | None = Field(None, description="语言，如 zh")


# --- data/<year>/<region_id>.yaml ------------------------------------------------------


class FigureRecord(Record):
    metric_id: Slug = Field(alias="metric", description="data/metrics.yaml 中的指标 id")
    value: Number = Field(description="原文写出的数字本身：阿拉伯数字，不带单位和“多/余/近/约”")
    unit: Text = Field(description="原文用的单位，须是指标的单位或指标目录列出的其他写法")
    qualifier: Qualifier = Field(
        description="exact：确切数；at_least：原文写“多/余/以上”；approx：原文写“近/约/左右”"
    )
    evidence: Text = Field(description="来源中包含这个数字的一个原文短句，一字不改")
    note: Text | None = Field(None, description="整理者的说明，如合计口径、时点数")
    source_id: SourceSlug | None = Field(
        None, alias="source", description="不同于文件来源时，写来源 id"
    )


class HighlightRecord(Record):
    title: Text = Field(description="亮点标题（我们自己的话）")
    text: Text = Field(description="亮点正文（我们自己的话，不多于原文）")
    figure_ids: Slugs = Field(alias="figures", description="亮点引用的本文件数字（指标 id）")
    evidence: Clauses = Field(description="支持标题和正文每一处说法的原文摘句，一字不改")
    source_id: SourceSlug | None = Field(
        None, alias="source", description="不同于文件来源时，写来源 id"
    )


class HonourRecord(Record):
    kind: HonourKind = Field(description="首创、首家、典型案例、获肯定等")
    text: Text = Field(description="概述（我们自己的话）")
    evidence: Clauses = Field(description="支持概述的原文摘句，一字不改")
    source_id: SourceSlug | None = Field(
        None, alias="source", description="不同于文件来源时，写来源 id"
    )
    holder: Text | None = Field(
        None,
        description="原文把它记在谁名下，如果不是该地区政协本身（如政协推动的某项服务），或原文没有写明主体",
    )


class RegionFile(Record):
    source_id: SourceSlug = Field(
        alias="source", description="这个文件的来源 id（data/<年>/sources/ 下）"
    )
    region_id: Slug = Field(alias="region", description="地区 id，与文件名相同")
    summary: Text = Field(description="概述（我们自己的话，只复述本文件引用的原文）")
    key_figures: Slugs = Field((), description="在地区页上作为卡片展示的数字（指标 id），按顺序")
    figures: tuple[FigureRecord, ...] = Field(
        (),
        description="这个地区这一年的全部数字；也可以写在 data/<年>/figures.csv 中（二选一）",
    )
    highlights: tuple[HighlightRecord, ...] = Field((), description="工作亮点")
    honours: tuple[HonourRecord, ...] = Field((), description="首创与荣誉")
