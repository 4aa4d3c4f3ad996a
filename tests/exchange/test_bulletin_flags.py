"""What the importer reports it was unsure of (ImportReport.flags), and the readers behind
PDF, web pages and Word list numbers (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

from rectdesk.cli import main
from rectdesk.exchange.bulletin_import import parse_text, read_bulletin
from rectdesk.exchange.bulletin_parse.pdf import read_pdf, rejoin
from rectdesk.exchange.bulletin_parse.sources import read_docx, table_lines

ROOT = Path(__file__).resolve().parents[2]
AGENCIES = ROOT / "tests" / "fixtures" / "bulletins" / "agencies"
SAMPLE = ROOT / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"


def test_sample_still_gives_31_problems_and_63_measures_with_nothing_left_to_check():
    c, report = read_bulletin(SAMPLE)
    assert (len(c.problems), c.measure_count()) == (31, 63)
    assert [f.kind for f in report.flags] == ["organisation"]  # 一、整改工作组织情况, skipped as such
    assert "局党组就召开专题会议" in c.organisation


def test_a_measure_that_still_holds_two_is_flagged_with_its_place():
    text = ("某某局关于巡察整改情况的通报\n反馈问题3个，现将整改情况通报如下。\n"
            "一、关于制度执行不严的问题\n一是修订管理制度，二是开展专项检查。\n"
            "二、关于台账管理混乱的问题\n")
    c, report = parse_text(text)
    several = report.flagged("several_measures")
    assert [(f.problem, f.measure) for f in several] == [(0, 0)]
    assert [(f.problem, f.text) for f in report.flagged("no_measures")] == [(1, "台账管理混乱")]
    assert report.flagged("count_mismatch")[0].text == "文中为 3 个，导入 2 个"
    assert report.to_dict()["flags"][0]["caption"] == "措施可能包含几条"
    assert [f.kind for f in report.at(0, 0)] == ["several_measures"]  # the preview's row of that measure
    assert [f.kind for f in report.at(1)] == ["no_measures"]
    assert [f.kind for f in report.document_flags()] == ["count_mismatch"]


def test_yishi_after_a_lead_sentence_still_splits():
    c, _ = parse_text("一、关于会议费管理不规范的问题\n该问题已完成整改。一是清退超标准费用。二是修订会议费管理办法。\n"
                      "二、关于公务接待超标准的问题\n针对该问题，局党组专题研究了整改措施。一是退还超标准费用。二是开展警示教育。\n")
    first, second = c.problems
    assert [m.text for m in first.measures] == ["清退超标准费用。", "修订会议费管理办法。"]
    assert {m.status.value for m in first.measures} == {"已完成"}  # the status sentence, not a measure
    assert [m.text for m in second.measures] == ["退还超标准费用。", "开展警示教育。"]
    assert second.description == "针对该问题，局党组专题研究了整改措施。"


def test_pdf_lines_are_rejoined_and_page_furniture_dropped():
    text = read_pdf(AGENCIES / "16_gbt9704_bulletin.pdf")
    assert "—" not in text and "信息公开" not in text
    assert ("一是建立审计整改台账，实行对账销号管理，已完成。二是将整改情况纳入年度考核，长期坚持。"
            "三是对逾期未整改的问题开展专项督查，正在推进。") in text.split("\n")


def test_rejoin_keeps_short_lines_and_headings_apart():
    page = "　　一是修订制度，明确责任分工，已完\n成。\n（二）关于采购不规范的问题\n"
    pages = ["页眉文字\n" + page + "— 1 —", "页眉文字\n" + page + "— 2 —", "页眉文字\n第三页正文\n3/3"]
    lines = rejoin(pages).split("\n")
    assert lines[:2] == ["一是修订制度，明确责任分工，已完成。", "（二）关于采购不规范的问题"]
    assert "页眉文字" not in lines and "3/3" not in lines


def test_rejoin_allows_for_an_indent_the_pdf_draws_as_a_position():
    full = "对全县养老机构开展消防安全隐患排查整改隐患三十一处"  # 26 em: the measure
    page = "\n".join([
        "（一）关于养老机构消防安全管理不到位的问题",
        "一是对全县养老机构开展消防安全隐患排查整改隐患",  # 24 em: the first line, indented
        full, "已完成。",
        "二是为农村敬老院配备微型消防站。",
        full, full,
    ])
    assert rejoin([page]).split("\n")[:3] == [
        "（一）关于养老机构消防安全管理不到位的问题",
        "一是对全县养老机构开展消防安全隐患排查整改隐患" + full + "已完成。",
        "二是为农村敬老院配备微型消防站。",
    ]


def test_web_page_boilerplate_is_not_imported():
    c, _ = read_bulletin(AGENCIES / "17_portal_page.html")
    everything = "\n".join([c.intro, c.organisation, c.contact, *c.unparsed,
                            *(p.title + p.description for p in c.problems)])
    for furniture in ("首页", "当前位置", "相关文章", "备案号", "分享到"):
        assert furniture not in everything
    assert c.bulletin_title == "某某区卫生健康局党组关于巡察整改进展情况的通报"


def test_word_list_numbers_are_rendered_from_numbering_xml():
    blocks = [b for b in read_docx(AGENCIES / "14_word_auto_numbering.docx").blocks if isinstance(b, str)]
    assert "一、关于养老机构消防安全管理不到位的问题" in blocks
    assert "三、关于殡葬领域专项整治推进缓慢的问题" in blocks
    assert "1.对全县低保对象开展入户复核，清退不符合条件对象46户，已完成。" in blocks
    assert "1.制定殡葬服务收费目录清单并向社会公开，已完成。" in blocks  # restarts under a new 一、


def test_label_value_rows_read_as_labelled_lines():
    grid = [["整改任务", "道路破损未修复。"], ["整改完成情况", "1、已修复。\n2、建立巡查制度。"], ["备注说明文字", "无"]]
    assert table_lines(grid) == ["整改任务：道路破损未修复。", "整改完成情况：1、已修复。", "2、建立巡查制度。",
                                 "备注说明文字", "无"]


def test_cli_prints_what_to_check_and_writes_the_report(capsys, tmp_path):
    report = tmp_path / "report.json"
    code = main(["import-bulletin", str(AGENCIES / "12_closing_no_signature.txt"), "--db", str(tmp_path / "r.db"),
                 "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 0
    assert "imported: 2 problems, 4 measures, 0 unparsed paragraphs" in out
    assert "需要核对 3 处：" in out and "结尾文字，未并入最后一条措施（特此通报。）" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["problems"], data["measures"]) == (2, 4)
    assert [f["kind"] for f in data["flags"]] == ["closing"] * 3
    assert data["flags"][0]["problem"] is None


def test_paragraphs_joined_into_one_measure_are_flagged():
    c, report = parse_text("一、关于档案管理不规范的问题\n对全部档案进行了清理。\n制定档案管理办法。\n")
    assert len(c.problems[0].measures) == 1
    assert report.flagged("several_measures")[0].text.startswith("由 2 段合为一条：对全部档案进行了清理。")
    assert (report.flags[0].problem, report.flags[0].measure) == (0, 0)


def test_items_that_describe_work_rather_than_a_problem_are_flagged():
    c, report = parse_text("一、整改落实情况\n（一）理论学习\n开展专题学习4次。\n（二）制度建设\n修订制度3项，已完成。\n")
    assert len(c.problems) == 2  # the section says they are the items: kept, but the office is told
    assert [(f.problem, f.text) for f in report.flagged("not_a_problem")] == [(0, "理论学习"), (1, "制度建设")]
    # work headings alone are no problems at all: the strict import refuses, the preview shows the text
    c, report = parse_text("一、加强组织领导\n成立整改工作领导小组。\n二、完善制度建设\n修订制度3项。\n", strict=False)
    assert c.problems == [] and len(report.flagged("unparsed")) == 4


def test_word_text_inside_content_controls_is_read(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("某某局关于巡察整改情况的通报")
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent>'
                        '<w:p><w:r><w:t>一、关于台账不全的问题</w:t></w:r></w:p>'
                        '<w:p><w:r><w:t>补齐台账，已完成。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    document.element.body.insert(len(document.element.body) - 1, control)
    path = tmp_path / "controls.docx"
    document.save(str(path))
    c, _ = read_bulletin(path)
    assert [(p.title, [m.text for m in p.measures]) for p in c.problems] == [("台账不全", ["补齐台账，已完成。"])]


def test_an_ofd_file_is_refused_with_what_to_do(tmp_path):
    import zipfile

    import pytest

    from rectdesk.core.errors import ImportFormatError

    path = tmp_path / "通报.ofd"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", "<ofd:OFD/>")
    with pytest.raises(ImportFormatError, match="OFD 版式文件：请在阅读器中另存为 PDF"):
        read_bulletin(path)


def test_a_register_pasted_from_excel_keeps_owners_and_deadlines():
    c, report = read_bulletin(AGENCIES / "29_pasted_tab_table.txt")
    first, _, third = c.problems
    assert (first.measures[0].lead_department, first.measures[0].deadline.due.isoformat()) == ("办公室", "2021-10-31")
    assert third.measures[0].deadline.long_term
    assert report.layout == "清单表格"


def test_stated_counts_read_problems_not_groups():
    from rectdesk.exchange.bulletin_parse.checks import stated_counts

    assert stated_counts("巡察组反馈问题3个方面12条，细化整改措施40项。") == []
    assert stated_counts("共反馈问题12个，已完成整改10个。") == [12]
    assert stated_counts("涉及4个方面、29个单位共计50项具体问题") == [50]
