"""The Atom feed (``/feed.xml``): one entry per edition and one per 更新记录 entry.

Readers and newsrooms that follow the site learn of a new year's edition and of every
correction to a published one. Built with feedgen; dates come from the data (the
changelog), never from the clock, so the same data gives the same bytes. Without a
public address the links are relative to the feed.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from .model import Dataset

TAG = "tag:sanming-cppcc-data,2026:"  # stable ids that do not depend on the address


def _when(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date).replace(
        hour=0, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )


def atom(ds: Dataset, site_url: str = "", publisher: str = "") -> bytes:
    fg = FeedGenerator()
    fg.id(TAG + "site")
    fg.title(ds.info.title)
    # Atom requires an author (of the feed, when entries name none): who publishes the site
    fg.author({"name": publisher or ds.info.title})
    fg.subtitle("新版本与更新记录")
    fg.language("zh-CN")
    fg.link(href=f"{site_url}feed.xml", rel="self")
    fg.link(href=site_url or "./", rel="alternate")
    fg.generator("site_builder")
    entries = []
    # An edition's first 更新记录 entry is its publication: announced once, as the edition.
    firsts = {}
    for change in ds.changes:
        firsts.setdefault(change.edition, change)
    for year in ds.years:
        first = firsts.get(year)
        entries.append(
            (
                ds.edition_date(year),
                0,  # on the same day, the edition comes before its changes
                f"edition/{year}",
                f"{year} 年版发布",
                f"{year} 年的数字、图表和数据下载。" + (f"{first.what}" if first else ""),
                f"{site_url}{year}/",
            )
        )
    same_day: dict[tuple[int, str], int] = {}
    for i, change in enumerate(ds.changes):
        if firsts.get(change.edition) is change:
            continue
        # An id that stays the entry's own when later entries are added, or when its words
        # are corrected (a feed reader would announce a new id as a new correction): the
        # edition, the date, and its place among that edition's entries of that date. The
        # 更新记录 is kept like a ledger: entries are added at the end, never removed.
        n = same_day[change.edition, change.date] = (
            same_day.get((change.edition, change.date), 0) + 1
        )
        entries.append(
            (
                change.date,
                1 + i,
                f"change/{change.edition}/{change.date}/{n}",
                f"{change.edition} 年版更新（{change.date}）",
                f"{change.what}原因：{change.why}",
                f"{site_url}{change.edition}/#更新记录",
            )
        )
    newest = max(e[0] for e in entries)
    fg.updated(_when(newest))
    # feedgen prepends entries: add oldest first so the newest comes first in the file
    for date, _, key, title, summary, link in sorted(entries):
        entry = fg.add_entry()
        entry.id(TAG + key)
        entry.title(title)
        entry.summary(summary)
        entry.link(href=link)
        entry.updated(_when(date))
        entry.published(_when(date))
    return fg.atom_str(pretty=True)
