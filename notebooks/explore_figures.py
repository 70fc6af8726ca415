# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 三明市县级政协 2024 年数据：上手笔记
#
# 这本笔记写给想用这份数据自己做分析、做图的记者和编辑。它演示：
#
# 1. 用 pandas 读入 `figures.csv`；
# 2. 怎样读“限定”（qualifier）一栏，以及“未报告”为什么不能当 0；
# 3. 用 Altair 重画网站上的两张图；
# 4. 做一个网站上没有的比较。
#
# 笔记以脚本形式保存（jupytext 的 percent 格式），不含运行结果，方便在 git 中审阅；
# 用 Jupyter 打开即可运行。

# %%
import io
import sys
from pathlib import Path

import altair as alt
import pandas as pd

# 图表在本机用 vl-convert 渲染为 SVG：默认的交互渲染要从境外 CDN 加载脚本，在国内常常打不开。
alt.renderers.enable("svg")

# %% [markdown]
# ## 1. 读入数据
#
# 网站上的 `/downloads/figures.csv` 是全部数字的长表：一行一个数字。在自己的电脑上可以直接写
# `pd.read_csv("https://<网站地址>/downloads/figures.csv")`。这里为了离线运行，
# 直接用项目自带的导出程序生成同一份文件（内容与网站上的下载逐字节相同）。

# %%
PROJECT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(PROJECT))

from site_builder.export import download_files  # noqa: E402
from site_builder.validate import load_dataset  # noqa: E402

downloads = download_files(load_dataset(PROJECT / "data"))
figures = pd.read_csv(io.BytesIO(downloads["figures.csv"]), encoding="utf-8-sig")
metrics = pd.read_csv(io.BytesIO(downloads["metrics.csv"]), encoding="utf-8-sig")
figures.head()

# %% [markdown]
# 每个数字都带着它的原文摘句（`evidence`），可以逐条核对：

# %%
figures[["region_name", "metric_name", "value", "unit", "qualifier", "evidence"]].sample(5, random_state=1)

# %% [markdown]
# ## 2. 限定词与“未报告”
#
# 原文常写“10多场次”“500余人次”“近800人”。数值栏 `value` 只存数字本身，
# 限定写在 `qualifier`：
#
# | qualifier | 原文 | 应读作 |
# | --- | --- | --- |
# | `exact` | 9场 | 9 场 |
# | `at_least` | 10多场次、500余人次 | 至少 10 场次（实际更多） |
# | `approx` | 近800人 | 约 800 人 |
#
# 写报道时请把限定一起带上。下面把每个数字还原成带限定的说法：

# %%
PREFIX = {"exact": "", "at_least": "至少 ", "approx": "约 "}
figures["说法"] = [
    f"{PREFIX[q]}{v:g} {u}" for v, q, u in zip(figures["value"], figures["qualifier"], figures["unit"], strict=True)
]
figures.loc[figures["qualifier"] != "exact", ["region_name", "metric_name", "说法", "evidence"]]

# %% [markdown]
# **没有报告不等于零。** 长表里，一个地区没有提到的指标就没有这一行。
# 转成宽表时会出现空值（NaN）——不要用 0 填充：

# %%
comparable_ids = metrics.loc[metrics["comparable"], "metric_id"]
wide = figures[figures["metric_id"].isin(comparable_ids)].pivot(
    index="metric_name", columns="region_name", values="value"
)
wide

# %% [markdown]
# `wide.fillna(0)` 会把“没说”变成“没做”，这是错误的。求平均、排名时也只能在报告了的地区之间进行。

# %% [markdown]
# ## 3. 重画网站上的两张图
#
# ### 3.1 微协商：各地场次
#
# 只有口径一致的指标（`metrics.csv` 中 `comparable` 为 true）才能放在一起比较。
# 三元区只报告了四类“微”活动的合计数，口径不同，不能放进这张图。

# %%
micro = figures[figures["metric_id"] == "micro_consultations"].copy()
micro["标签"] = [
    ("≥" if q == "at_least" else "≈" if q == "approx" else "") + f"{v:g} {u}"
    for v, q, u in zip(micro["value"], micro["qualifier"], micro["unit"], strict=True)
]
bars = (
    alt.Chart(micro)
    .mark_bar(color="#2f6fb0")
    .encode(
        x=alt.X("value:Q", title=None, axis=None),
        y=alt.Y("region_name:N", sort="-x", title=None),
        tooltip=["region_name", "说法", "evidence"],
    )
)
labels = bars.mark_text(align="left", dx=4).encode(text="标签:N")
(bars + labels).properties(title="微协商：永安市最多（至少 90 场次）", width=300)

# %% [markdown]
# ### 3.2 一个地区的数字按类别分
#
# 各数字单位不同（场、条、人次、亿元），不能相加，所以这张图数的是“报告了几个数字”。

# %%
region = "清流县"
counts = figures[figures["region_name"] == region].groupby("category").size().rename("数字个数").reset_index()
alt.Chart(counts).mark_bar(color="#2f6fb0").encode(
    x=alt.X("数字个数:Q", title="报告的数字个数"),
    y=alt.Y("category:N", sort="-x", title=None),
).properties(title=f"{region}报告的数字按类别分", width=300)

# %% [markdown]
# ## 4. 网站上没有的比较：各地的数字有多“确切”？
#
# 原文中有些数字是约数或下限。下面比较各地区报告的数字里，带“多/余/近/约”的占多少。
# 这说的是原文的写法，不是工作的好坏。

# %%
share = (
    figures.assign(带限定=figures["qualifier"] != "exact")
    .groupby("region_name", sort=False)
    .agg(数字个数=("value", "size"), 带限定=("带限定", "sum"))
    .assign(占比=lambda d: d["带限定"] / d["数字个数"])
    .reset_index()
)
share

# %%
alt.Chart(share).mark_bar(color="#2f6fb0").encode(
    x=alt.X("占比:Q", axis=alt.Axis(format="%"), title="带“多/余/近/约”的数字占比"),
    y=alt.Y("region_name:N", sort="-x", title=None),
    tooltip=["region_name", "数字个数", "带限定"],
).properties(title="各地区数字中约数与下限所占比例", width=300)

# %% [markdown]
# 数字个数很少的地区（如明溪县只有 1 个），比例没有多大意义；写报道时应同时给出数字个数。
