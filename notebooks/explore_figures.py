# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 三明市县级政协履职数据：上手笔记
#
# 写给想用这份数据自己做分析、做图的记者和编辑。笔记演示四件事：
#
# 1. 读入数据，选定年份；
# 2. 带着限定词说数字，“未报告”“暂无数据”不当 0；
# 3. 重画网站上的比较图：全部 11 个县级单位都列出；
# 4. 核对一个数字：原文摘句和来源。
#
# 本笔记有两个文件，内容相同：`explore_figures.ipynb`（用 Jupyter 打开）和
# `explore_figures.py`（纯文本，便于审阅），由 jupytext 保持同步；两者都不保存运行结果。

# %%
import io
import sys
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import display

# 图表在本机画成 SVG，不从境外 CDN 加载脚本（那在国内常常打不开）。
_ = alt.renderers.enable("svg")

# %% [markdown]
# ## 1. 读入数据，选定年份
#
# 网站的“下载”页提供全部文件，在自己的电脑上可以直接写
# `pd.read_csv("https://<网站地址>/downloads/figures.csv")`。这里为了离线运行，用项目自带的
# 导出程序生成同样的文件（与网站上的下载逐字节相同）。
#
# 数据按年份出版。`figures.csv` 含**所有年份**的数字（`year` 一栏），每一年另有自己的
# `<年份>/figures.csv`。比较地区时只能在同一年里比，所以下面先选定年份。

# %%
PROJECT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(PROJECT))

from site_builder import compare, wording  # noqa: E402
from site_builder.export import download_files  # noqa: E402
from site_builder.validate import load_dataset  # noqa: E402

downloads = download_files(load_dataset(PROJECT / "data"))


def read(path, **options):
    """读入一个下载文件（UTF-8 带 BOM）。"""
    return pd.read_csv(io.BytesIO(downloads[path]), encoding="utf-8-sig", **options)


YEAR = 2024  # 想看别的年份，改这里

all_years = read("figures.csv")
print("figures.csv 里的年份：", "、".join(str(y) for y in sorted(all_years["year"].unique())))
figures = all_years[all_years["year"] == YEAR]
print(f"{YEAR} 年的数字：{len(figures)} 个")
figures[["region_name", "metric_name", "value", "unit", "qualifier", "evidence"]].head()

# %% [markdown]
# ## 2. 带着限定词说数字
#
# 原文常写“10多场次”“500余人次”“近800人”。`value` 一栏只存数字本身，限定写在
# `qualifier`：
#
# | qualifier | 原文 | 应该说 | 图上标 |
# | --- | --- | --- | --- |
# | `exact` | 9场 | 9 场 | 9 场 |
# | `at_least` | 10多场次、500余人次 | 至少 10 场次（实际更多） | ≥10 场次 |
# | `approx` | 近800人 | 近 800 人（“近”还是“约”照原文） | ≈800 人 |
#
# 网站用 `site_builder.wording` 统一说法，这里也用它：`wording.say` 用于正文，
# `wording.short` 用于图上的标签。下面是带限定词的数字：

# %%
said = figures.assign(
    说法=[
        wording.say(v, q, u, e)
        for v, q, u, e in zip(
            figures["value"], figures["qualifier"], figures["unit"], figures["evidence"], strict=True
        )
    ]
)
said.loc[said["qualifier"] != "exact", ["region_name", "metric_name", "说法", "evidence"]]

# %% [markdown]
# **没有报告不等于零。** 长表里，一个地区没有提到的指标就没有这一行；转成宽表时出现的空值
# 不能用 0 填（`fillna(0)` 会把“没说”变成“没做”）。
#
# `regions.csv` 列出全部 11 个县级单位。还没有任何来源写到的单位，`years_covered`（有来源的
# 年份）和两个个数都是**空的**，不是 0。读的时候要让空值保持为空：

# %%
regions = read(
    "regions.csv",
    dtype={"years_covered": "string", "figure_count": "Int64", "honour_count": "Int64"},
)
regions[["region_name", "years_covered", "figure_count", "honour_count"]]

# %% [markdown]
# `figure_count` 是各年合计的“来源里写了几个数字”，说的是原文写法，不是工作多少，
# 不能拿来比较地区。

# %%
no_source = regions.loc[regions["years_covered"].isna(), "region_name"]
print(f"11 个县级单位中，{len(no_source)} 个还没有任何来源写到（暂无数据）：{'、'.join(no_source)}")

# %% [markdown]
# ## 3. 重画网站上的比较图
#
# 只有各地原文用同一说法记的指标（`metrics.csv` 中 `comparable` 为 true）才放在一起比较。每张比较图
# 的数据在 `charts/<年份>-<指标 id>.csv`：全部 11 个单位各一行，`status` 说明情况：
#
# - `reported`：有数字，画成横条；
# - `not_reported`：来源写到了这个单位，但没有这项数字，标“未报告”；`note` 写明它只报告了
#   包含这项的合计数时，标“未单独报告”（合计数不拆分，也不画入比较）；
# - `no_data`：还没有来源写到这个单位，标“暂无数据”。
#
# 后两种 `value` 是空的，不画成 0，也不参加排名。标题里的先后只在限定词允许的每一种读法下
# 都成立时才写（“至少 10”和“10”比不出大小），由 `site_builder.compare.leader` 判断；
# 有口径说明（`caveat`）的指标原文没有说明各地怎样计数，计数方法可能不同，只并列展示，不排先后。

# %%
sources = read("sources.csv", keep_default_na=False)


def citation(source_id):
    """来源的引用写法；不知道的信息写“未知”。"""
    s = sources.set_index("source_id").loc[source_id]
    return (
        f"《{s['title']}》（作者：{wording.known(s['byline'])}；"
        f"发布者：{wording.known(s['publisher'])}；日期：{wording.known(s['date'])}）"
    )


def comparison(metric_id, year=YEAR):
    path = f"charts/{year}-{metric_id}.csv"
    units = read(path)
    name = units["metric_name"].iloc[0]
    caveat = units["caveat"].iloc[0] if "caveat" in units else ""
    ranked = not (isinstance(caveat, str) and caveat)  # 各地计数方法可能不同：不按大小排
    reported = units[units["status"] == "reported"]
    if ranked:
        reported = reported.sort_values("value", ascending=False)
    said = {
        r.region_name: wording.say(r.value, r.qualifier, r.unit, r.evidence)
        for r in reported.itertuples()
    }
    top = compare.leader({r.region_name: (r.value, r.qualifier) for r in reported.itertuples()})
    # 每个单位的状况，用网站的说法：有数字、未报告、未单独报告（只有包含它的合计数，
    # note 写明）、暂无数据。
    notes_of = units["note"].fillna("") if "note" in units else [""] * len(units)
    units = units.assign(
        状况=[compare.status_word(s, n) for s, n in zip(units["status"], notes_of, strict=True)]
    )
    title = [f"{year} 年{name}：{compare.coverage_words(list(units['状况']))}"]
    if not ranked:  # 各地计数方法可能不同：并列展示，不排先后
        title.append("各地计数方法可能不同，不排先后")
    elif top:
        title.append(f"{top}（{said[top]}）多于另外 {len(reported) - 1} 个有数字的单位")

    # 全部 11 行：有数字的画横条，其余只写“未报告”“未单独报告”或“暂无数据”。
    order = list(reported["region_name"]) + list(
        units.loc[units["status"] != "reported", "region_name"]
    )
    labelled = units.assign(
        标签=[
            wording.short(v, q, u) if s == "reported" else word
            for v, q, u, s, word in zip(
                units["value"],
                units["qualifier"],
                units["unit"],
                units["status"],
                units["状况"],
                strict=True,
            )
        ]
    )
    base = alt.Chart(labelled).encode(y=alt.Y("region_name:N", sort=order, title=None))
    has_figure = alt.datum.status == "reported"
    widest = float(reported["value"].max()) if len(reported) else 1.0
    bars = base.transform_filter(has_figure).mark_bar(color="#2f6fb0").encode(
        x=alt.X("value:Q", axis=None, scale=alt.Scale(domain=[0, widest * 1.3]))
    )
    labels = bars.mark_text(align="left", dx=4).encode(text="标签:N")
    missing = (
        base.transform_filter(~has_figure)
        .mark_text(align="left", dx=4, color="#5f6b78")
        .encode(x=alt.value(0), text="标签:N")
    )
    notes = []
    if (reported["qualifier"] == "at_least").any():
        notes.append("≥：原文写作“多/余”等，实际不少于该数")
    if (reported["qualifier"] == "approx").any():
        notes.append("≈：原文写作“近/约”等，为约数")
    display(
        (bars + labels + missing).properties(
            title=alt.Title(title, subtitle=notes), width=320, height=22 * len(units)
        ).configure_view(stroke=None)
    )

    # 图下的文字：标题、没有数字的单位、口径说明、来源和数据文件。
    print("。".join(title) + "。")
    for word in compare.ABSENT_WORDS:
        who = units.loc[units["状况"] == word, "region_name"]
        if len(who):
            print(f"{word}：{'、'.join(who)}")
    for r in units[units["状况"] == compare.APART].itertuples():
        print(f"{r.region_name}：{r.note}")  # 它报告了什么，为什么不画入比较
    caveat = units["caveat"].dropna()
    if len(caveat):
        print(f"比较时须知：{caveat.iloc[0]}")
    for source_id in reported["source_id"].unique():
        print(f"来源：{citation(source_id)}")
    print(f"数据：downloads/{path}")


# %% [markdown]
# 可以比较的指标，和比较时必须交代的口径差异（`caveat`，也写在每张图下面）：

# %%
comparable = read("metrics.csv").query("comparable")
comparable[["metric_id", "metric_name", "caveat"]]

# %%
comparison("micro_consultations")

# %%
comparison("targeted_consultations")

# %% [markdown]
# 写报道时，图的标题和正文都要说“11 个县级单位中有几个有数字”、其余的是未报告、未单独报告还是
# 暂无数据，限定词照原文带上。

# %% [markdown]
# ## 4. 核对一个数字：原文摘句和来源
#
# 每个数字都带着原文摘句（`evidence`：原文中包含这个数字的一个短句，一字未改）和来源
# （`source_id`，对应 `sources.csv`）。本站只引用来源，不转载原文全文；`sources.csv` 给出
# 标题、作者、发布者、日期和网址，不知道的留空（网站上写“未知”）。
#
# 核对一个数字：按 `sources.csv` 的标题、作者找到原文（网址未知时按标题搜索），在原文里找到
# 这句摘句，再看数字和限定词有没有读对。

# %%
row = figures[(figures["region_name"] == "清流县") & (figures["evidence"].str.contains("乡贤"))].iloc[0]
print("数字：", row["metric_name"], wording.say(row["value"], row["qualifier"], row["unit"], row["evidence"]))
print("摘句：", row["evidence"])
print("来源：", citation(row["source_id"]))
url = sources.set_index("source_id").loc[row["source_id"], "url"]
print("网址：", wording.known(url))

# %% [markdown]
# 也可以一次检查全部数字：摘句里应该写着这个数字。一行都没有列出来，就说明都对得上。

# %%
missing_digits = figures[
    [wording.number(v) not in e for v, e in zip(figures["value"], figures["evidence"], strict=True)]
]
print(f"{YEAR} 年 {len(figures)} 个数字中，摘句里找不到数字的：{len(missing_digits)} 个")
missing_digits[["region_name", "metric_name", "value", "evidence"]]

# %% [markdown]
# 网站的“数据与方法”页说明了整理方法和限定词的规则。整理时，每一句摘句都与来源原文逐字
# 核对过（`python -m site_builder check`）。
