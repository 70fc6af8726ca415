"""The one qualifier vocabulary: how other documents word quantities, read off the clause."""

from __future__ import annotations

import pytest

from site_builder import qualifiers, wording


@pytest.mark.parametrize(
    ("clause", "value", "qualifier", "said"),
    [
        ("视察调研10多场次", 10, "at_least", "10多"),
        ("接诊患者500余人次", 500, "at_least", "500余"),
        ("开展活动20场以上", 20, "at_least", "20场以上"),
        ("收到建议超过30条", 30, "at_least", "超过30"),
        ("服务群众逾100人次", 100, "at_least", "逾100"),
        ("服务群众超1000人次", 1000, "at_least", "超1000"),
        ("协商活动突破100场", 100, "at_least", "突破100"),
        ("走访企业10几家", 10, "at_least", "10几"),
        ("参加委员20来人", 20, "approx", "20来"),
        ("20年来坚持协商", 20, "exact", "20"),
        ("覆盖12个乡镇几乎全部村居", 12, "exact", "12"),
        ("全年至少10场", 10, "at_least", "至少10"),
        ("不少于10场", 10, "at_least", "不少于10"),
        ("服务群众10万余人次", 10, "at_least", "10万余"),
        ("乡贤人才库已近800人", 800, "approx", "近800"),
        ("总投资约5亿元", 5, "approx", "约5"),
        ("参加委员800人左右", 800, "approx", "800人左右"),
        ("约有20场座谈", 20, "approx", "约有20"),
        ("约占30%", 30, "approx", "约占30"),
        ("至少有10场", 10, "at_least", "至少有10"),
        ("3个多月", 3, "at_least", "3个多"),
        ("建成3个多功能活动室", 3, "exact", "3"),
        ("组织对口协商9场", 9, "exact", "9"),
        ("计划投资2.5亿元", 2.5, "exact", "2.5"),
    ],
)
def test_a_clause_says_how_its_number_is_qualified(clause, value, qualifier, said):
    reading = qualifiers.read(clause, value)
    assert (reading.qualifier, reading.said) == (qualifier, said)


def test_a_number_inside_another_is_not_found():
    assert qualifiers.read("共90场", 9) is None
    assert qualifiers.read("共19场", 9) is None


def test_counts_in_words_are_not_figures():
    assert qualifiers.read("接待群众近千人", 1000) is None
    assert qualifiers.count_words("接待群众近千人，走访上百家企业") == ["近千", "上百"]


@pytest.mark.parametrize(("clause", "value"), [("每月3至5场", 5), ("每月3至5场", 3), ("3-5个", 3)])
def test_a_range_is_recognised(clause, value):
    assert qualifiers.range_around(clause, value)


def test_the_site_says_approximate_numbers_with_the_sources_word():
    assert wording.say(800, "approx", "人", "乡贤人才库已近800人") == "近 800 人"
    assert wording.say(5, "approx", "亿元", "总投资约5亿元") == "约 5 亿元"
    assert wording.say(800, "approx", "人", "参加委员800人左右") == "约 800 人"
    assert wording.say(20, "approx", "人", "参加委员20来人") == "约 20 人"
    assert wording.say(10, "at_least", "场次", "视察调研10多场次") == "至少 10 场次"


@pytest.mark.parametrize(
    ("clause", "value", "said"),
    [
        ("参加者不到100人", 100, "不到100"),
        ("不足100人", 100, "不足100"),
        ("100人以下", 100, "100人以下"),
        ("人数不超30人", 30, "不超30"),
        ("人数不超过30人", 30, "不超过30"),
    ],
)
def test_an_upper_bound_is_recognised_and_is_not_a_figure(clause, value, said):
    reading = qualifiers.read(clause, value)
    assert (reading.qualifier, reading.said) == ("at_most", said)
