"""Right addresses or none: a default build names no local address, links relatively and
says what is missing; with a public address (the real data built as published), shared pages
carry absolute Open Graph images. Every page's footer says who publishes the site and how to
report an error."""

from __future__ import annotations

import re
import struct

from bs4 import BeautifulSoup
from helpers import (
    DATA,
    PUBLIC_ADDRESS,
    PUBLIC_CONTACT,
    PUBLISHED_CONFIG_CONTACT,
    PUBLISHED_ICP,
    ROOT,
    build_site,
)

ADDRESS = PUBLIC_ADDRESS


def html_and_xml(site):
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".xml"))


def test_a_default_build_names_no_local_address(built_site):
    pages = html_and_xml(built_site)
    assert len(pages) > 20
    for path in pages:
        content = path.read_text(encoding="utf-8")
        assert "127.0.0.1" not in content and "localhost" not in content, path
    assert not (built_site / "sitemap.xml").exists()  # a sitemap needs absolute addresses


def test_without_an_address_no_page_claims_one(built_site):
    for path in built_site.rglob("*.html"):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert doc.find("link", rel="canonical") is None, path
        assert doc.find("meta", property="og:url") is None, path
        assert doc.find("meta", property="og:image") is None, path
        assert "None" not in str(doc.head), path
    citation = (
        BeautifulSoup(
            (built_site / "methods" / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        .select_one(".citation")
        .get_text()
    )
    assert "下载地址" not in citation and "http" not in citation


def test_a_default_build_says_what_is_missing(built_site_log):
    notices = [line for line in built_site_log.splitlines() if "没有设置网站的公开地址" in line]
    assert len(notices) == 1
    assert "sitemap.xml" in notices[0] and "og:image" in notices[0] and "部署前" in notices[0]


def newest_year(pattern: str) -> str:
    """The newest year folder of data/ holding ``pattern``."""
    return max(p.relative_to(DATA).parts[0] for p in DATA.glob(f"[0-9][0-9][0-9][0-9]/{pattern}"))


def test_with_an_address_shared_pages_carry_absolute_images(published_site):
    # an edition's page shows that edition; a timeline page, the newest year with the region
    years = {
        "index.html": newest_year("*.yaml"),
        "sanyuan/index.html": newest_year("sanyuan.yaml"),
        "2024/mingxi/index.html": "2024",
    }
    for page, year in years.items():
        doc = BeautifulSoup((published_site / page).read_text(encoding="utf-8"), "html.parser")
        image = doc.find("meta", property="og:image")["content"]
        assert image.startswith(f"{ADDRESS}assets/og/{year}-") and image.endswith(".png"), image
        png = published_site / image.removeprefix(ADDRESS)
        assert png.read_bytes().startswith(b"\x89PNG")
        assert doc.find("link", rel="canonical")["href"].startswith(ADDRESS)
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<loc>(https?://[^/]+/[^/]*/)", sitemap)) == {ADDRESS}
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2023-11-14"}
    # every page a reader may land on, and no embed page (those are for other sites' frames)
    listed = {loc.removeprefix(ADDRESS) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    pages = {
        "" if p.parent == published_site else f"{p.parent.relative_to(published_site).as_posix()}/"
        for p in published_site.rglob("index.html")
    }
    embeds = {p for p in pages if p.startswith("embed/")}
    assert embeds and listed == pages - embeds


def test_every_page_has_description_and_open_graph_title(published_site):
    pages = [p for p in published_site.rglob("index.html") if "embed" not in p.parts]
    for path in pages:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        description = doc.find("meta", attrs={"name": "description"})["content"]
        assert len(description) >= 10, path
        assert doc.find("meta", property="og:title")["content"]
        assert doc.find("meta", property="og:description")["content"] == description


def footer(site, page="index.html") -> str:
    doc = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(doc.select_one(".site-footer").get_text(" ").split())


def test_every_page_says_who_publishes_it_and_how_to_report_an_error(built_site):
    for path in (p for p in built_site.rglob("index.html") if "embed" not in p.parts):
        text = footer(built_site, path.relative_to(built_site))
        assert "本站由三明市县级政协履职数据编辑组整理发布" in text, path
        assert "不是政协或任何政府机关的官方出版物" in text
        assert "发现错误" in text
        assert "ICP" not in text  # none configured


def test_a_configured_filing_number_and_contact_show_in_the_footer(published_site):
    """mkdocs.yml's filing number shows on every page; its contact gives way to SITE_CONTACT
    (the deploy's environment), which shows instead."""
    for page in ("index.html", "methods/index.html", "2024/sanyuan/index.html"):
        text = footer(published_site, page)
        assert PUBLISHED_ICP in text and f"联系：{PUBLIC_CONTACT}" in text, page
        assert PUBLISHED_CONFIG_CONTACT not in text


def test_the_contact_comes_from_mkdocs_yml_unless_the_environment_sets_one(monkeypatch):
    from site_builder.config import build_config

    extra = {"contact": " 编辑组 errors@example.invalid ", "icp": "闽ICP备00000000号"}
    monkeypatch.delenv("SITE_CONTACT", raising=False)
    cfg = build_config(ROOT, "data", None, extra)
    assert (cfg.contact, cfg.icp) == ("编辑组 errors@example.invalid", "闽ICP备00000000号")
    monkeypatch.setenv("SITE_CONTACT", "部署时的联系方式")
    assert build_config(ROOT, "data", None, extra).contact == "部署时的联系方式"


def test_a_build_to_publish_without_a_contact_stops(tmp_path):
    """A public address means the build is to be published: without a way to report errors
    (the footer's promise) it stops, says why in Chinese and leaves site/ as it was."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的网站", encoding="utf-8")
    # mkdocs.yml without a contact, whatever the editor has filled in
    config = ROOT / f".test-no-contact-{tmp_path.name}.yml"  # beside mkdocs.yml
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^  contact: .*$", '  contact: ""', text), encoding="utf-8")
    try:
        result = build_site(
            site, extra_env={"SITE_URL": PUBLIC_ADDRESS, "SITE_CONTACT": ""}, config=config
        )
    finally:
        config.unlink()
    assert result.returncode == 1
    assert "没有设置纠错联系方式" in result.stderr and "extra.contact" in result.stderr
    assert f"网站没有构建，{site.as_posix()}/ 保持原样" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "上一次的网站"


SHARE_LINE = (
    "来源：《攻坚克难求突破,砥砺奋进勇争先》（作者：陈渴）；“三明市县级政协履职数据”网站整理。"
)


def test_a_share_image_carries_its_source_line(published_site):
    """A WeChat card shows the image without the page: the image has the chart's source line
    under the chart, as the page has it (the site's name for 本站)."""
    from site_builder import render_charts

    doc = BeautifulSoup(
        (published_site / "sanyuan" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    image = doc.find("meta", property="og:image")["content"].removeprefix(ADDRESS)
    chart_id = image.removeprefix("assets/og/").removesuffix(".png")
    svg = doc.select_one(f"#chart-{chart_id} svg")
    _, _, width, height = (float(v) for v in svg["viewbox"].split())
    sized = f'<svg width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}">'
    shared = render_charts.with_source_line(sized + "</svg>", SHARE_LINE)
    said = "".join(re.findall(r">([^<]+)</text>", shared))
    assert said == SHARE_LINE  # every character, over two or more lines
    taller = float(re.search(r'height="([\d.]+)"', shared)[1])
    assert taller >= height + 2 * 16  # room for the lines under the chart
    # the line the build writes under this chart is that one
    from types import SimpleNamespace

    from site_builder.site import source_line
    from site_builder.validate import load_dataset

    chart = SimpleNamespace(sources=("sanming_cppcc_review_2024",))
    assert source_line(chart, load_dataset(DATA)) == SHARE_LINE
    png = (published_site / image).read_bytes()
    png_width, png_height = struct.unpack(">II", png[16:24])
    assert png_width == round(width * render_charts.OG_SCALE)
    assert abs(png_height - taller * render_charts.OG_SCALE) <= 1  # the renderer rounds
