"""The importer on the sample bulletin and on fixtures written in the style of real documents."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import MeasureStatus as S
from rectdesk.exchange.bulletin_import import (
    parse_bulletin,
    parse_text,
    read_bulletin,
    split_measures,
)

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"


def titles(campaign):
    return [p.title for p in campaign.problems]


def statuses(problem):
    return [m.status for m in problem.measures]


def test_sample_bulletin_keeps_its_31_problems_and_measures():
    c, report = read_bulletin(SAMPLE)
    assert len(c.problems) == 31
    assert c.problems[6].title == "市控入江支流治理成效不明显"
    assert c.problems[0].title == "对派出机构管理还有缺失"
    assert c.problems[30].title == "资产管理不规范"
    assert 60 <= c.measure_count() <= 66
    assert report.summary() == f"imported: 31 problems, {c.measure_count()} measures, 0 unparsed paragraphs"
    assert c.problems[30].measures[2].status is S.LONG_TERM
    assert all(m.status_inferred for p in c.problems for m in p.measures)
    assert (c.bulletin_date, c.feedback_date) == (date(2020, 11, 2), date(2020, 7, 13))
    assert c.signature == "中共南京市生态环境局党组"
    assert c.next_steps_heading == "下一步全面推进整改计划"
    assert "025-83630848" in c.contact


def test_sections_with_categories_label_lines_and_metadata_block():
    c, report = read_bulletin(FIX / "feedback_sections_categories.txt")
    assert c.categories == ["学习贯彻习近平新时代中国特色社会主义思想方面", "全面从严治党方面"]
    assert titles(c) == ["理论学习中心组学习不够深入，学用结合不紧", "贯彻落实中央和省委重大决策部署有温差",
                         "主体责任落实层层递减", "违反中央八项规定精神问题时有发生"]
    assert [p.category for p in c.problems][2:] == ["全面从严治党方面"] * 2
    assert statuses(c.problems[0]) == [S.DONE]  # "该问题已完成整改" leads the body
    assert statuses(c.problems[1]) == [S.IN_PROGRESS, S.IN_PROGRESS]
    assert statuses(c.problems[2]) == [S.LONG_TERM]
    assert statuses(c.problems[3]) == [S.IN_PROGRESS, S.LONG_TERM]  # mixed ASCII ":" and ";"
    assert c.bulletin_title == "中共南京市某某区委关于巡视整改进展情况的通报"  # metadata block skipped
    assert c.bulletin_date == date(2021, 3, 18)
    assert c.inspecting_body == "省委第三巡视组"
    assert "领导小组" in c.organisation and c.next_steps_heading == "下一步工作打算"
    assert report.unparsed == 0


def test_yi_as_problems_with_one_paragraph_items_and_numbered_measures():
    c, _ = read_bulletin(FIX / "report_yi_as_problems.txt")
    assert titles(c) == ["党组把方向、管大局作用发挥不充分", "“一岗双责”落实不到位", "执法队伍管理不规范",
                         "工程项目招投标监管不严", "意识形态工作责任制落实不到位"]
    assert [len(p.measures) for p in c.problems] == [2, 1, 3, 3, 1]
    assert statuses(c.problems[2]) == [S.DONE, S.IN_PROGRESS, S.LONG_TERM]
    assert statuses(c.problems[3]) == [S.DONE, S.IN_PROGRESS, S.LONG_TERM]
    assert c.problems[2].measures[0].text == "制定《执法辅助人员管理办法》，已完成。"


def test_key_value_blocks_give_owners_and_deadlines():
    c, report = read_bulletin(FIX / "plan_kv_blocks.txt")
    assert titles(c) == ["党委理论学习流于形式", "医疗机构药品采购监管不严", "财务管理制度执行不严格"]
    first = c.problems[0]
    assert [m.text for m in first.measures] == ["制定年度理论学习计划，每月至少集中学习一次；", "建立学习考勤和通报制度。"]
    assert first.measures[0].lead_department == "办公室"
    assert first.measures[0].cooperating == ["组织人事科"]
    assert first.measures[1].leaders == ["王某某"]
    assert first.measures[1].deadline.due == date(2021, 6, 30)
    assert "整改目标：理论学习制度化、规范化。" in first.description
    second = c.problems[1]
    assert len(second.measures) == 2 and second.measures[1].deadline.due == date(2021, 9, 30)
    assert second.measures[0].note.startswith("整改完成情况：已完成专项检查")
    third = c.problems[2].measures[0]
    assert (third.lead_department, third.deadline.long_term, third.leaders) == ("财务科", True, ["赵某某"])
    assert "（责任单位" not in third.text
    # 指导思想 and 工作要求 are not problems: kept as text, not guessed at
    assert "指导思想" in c.unparsed and report.unparsed == 4


def test_blocks_without_numbering():
    c, report = read_bulletin(FIX / "blocks_only.txt")
    assert titles(c) == ["社区“两委”班子换届后培训不到位", "惠民资金发放审核把关不严，个别对象重复享受补贴",
                         "网格员队伍管理松散"]
    assert statuses(c.problems[0]) == [S.DONE]
    assert [m.lead_department for m in c.problems[1].measures] == ["民政办", "民政办"]
    assert c.problems[1].measures[0].deadline.due == date(2021, 12, 31)
    assert c.problems[2].measures[0].deadline.long_term
    assert report.owners_found == 4


def test_parenthesised_numbering_full_width_dots_and_circled_numbers():
    c, _ = read_bulletin(FIX / "feedback_numbered_paren.txt")
    assert titles(c) == ["防汛工程建设推进缓慢", "河长制工作考核流于形式", "水费征收管理不规范", "机关作风建设有待加强"]
    assert [len(p.measures) for p in c.problems] == [2, 2, 2, 1]
    assert statuses(c.problems[2]) == [S.IN_PROGRESS, S.DONE]
    assert statuses(c.problems[3]) == [S.IN_PROGRESS]  # 持续整改


def test_pdf_text_on_one_line_with_footers():
    c, report = read_bulletin(FIX / "pdf_oneline.txt")
    assert titles(c) == ["城镇污水处理厂提标改造滞后", "工业园区环境监管不到位", "饮用水水源地保护区内违规建筑"]
    assert c.problems[1].measures[1].text == "建成园区大气自动监测站6座，已投入运行。"  # stray space gone
    assert not any("—" in m.text for p in c.problems for m in p.measures)
    assert c.bulletin_title.startswith("某某市生态环境局关于") and c.bulletin_date == date(2021, 7, 5)
    assert c.kind.value == "督察" and c.signature == "某某市生态环境局"
    assert any("PDF" in n for n in report.notes)


@pytest.mark.parametrize("name", ["feedback_sections_categories.gbk.txt", "report_yi_as_problems.utf16.txt",
                                  "report_yi_as_problems.utf16le-nobom.txt", "blocks_only.gb18030.txt"])
def test_encodings_read_the_same_as_utf8(name):
    utf8 = name.split(".")[0] + ".txt"
    assert titles(read_bulletin(FIX / name)[0]) == titles(read_bulletin(FIX / utf8)[0])


def test_gb18030_keeps_characters_outside_gbk():
    c, _ = read_bulletin(FIX / "blocks_only.gb18030.txt")
    assert c.problems[0].measures[0].leaders == ["𠮷某"]


def test_docx_checklist_table_with_merged_cells():
    c, report = read_bulletin(FIX / "plan_table.docx")
    assert titles(c) == ["党组会议议事规则执行不严，个别重大事项未经集体研究", "审计整改跟踪督促不力",
                         "审计质量控制存在薄弱环节"]
    first, second, _ = c.problems
    assert [m.lead_department for m in first.measures] == ["办公室", "办公室"]
    assert first.measures[1].cooperating == ["法规处"]
    assert [m.deadline.due for m in first.measures] == [date(2021, 10, 31), date(2021, 12, 31)]
    assert [(m.status, m.status_inferred) for m in first.measures] == [(S.DONE, False), (S.IN_PROGRESS, False)]
    assert len(second.measures) == 2 and second.measures[0].deadline.long_term
    assert c.categories == ["党的领导", "业务工作"]
    assert c.bulletin_title == "中共某某市审计局党组巡察反馈问题整改清单"
    assert report.layout == "清单表格"


def test_docx_paragraphs_parse_like_text():
    assert titles(read_bulletin(FIX / "feedback_numbered_paren.docx")[0]) == titles(
        read_bulletin(FIX / "feedback_numbered_paren.txt")[0])


def test_unknown_layout_is_refused_strictly_and_kept_as_text_otherwise():
    text = (FIX / "unknown_layout.txt").read_text(encoding="utf-8")
    with pytest.raises(ImportFormatError):
        parse_bulletin(text)
    c, report = parse_text(text, strict=False)
    assert c.problems == [] and report.problems == 0
    assert "我们要继续努力" in c.intro + "".join(c.unparsed)


def test_split_measures_keeps_its_contract():
    assert split_measures("一是甲。二是乙。主要是丙。三是丁。") == ["甲。", "乙。主要是丙。", "丁。"]
    assert split_measures("没有标签的一段。") == ["没有标签的一段。"]


def test_files_that_are_no_bulletin_are_refused(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)
    zipped = tmp_path / "archive.docx"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("readme.txt", "not a word file")
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    pdf = tmp_path / "x.txt"
    pdf.write_bytes(b"%PDF-1.7\n...")
    for path, words in ((big, "过大"), (zipped, "压缩包"), (binary, "不是文本"), (pdf, "PDF"),
                        (tmp_path / "missing.txt", "不存在")):
        with pytest.raises(ImportFormatError, match=words):
            read_bulletin(path)


def test_broken_docx_is_a_format_error(tmp_path):
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><unclosed>")
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ImportFormatError):
        read_bulletin(broken)
