"""The Word bulletin: content from the register, every GB/T 9704 format value in the file."""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt
from lxml import etree

from rectdesk.core.model import (
    CampaignData,
    CampaignKind,
    MeasureData,
    MeasureStatus,
    ProblemData,
    ProgressData,
)
from rectdesk.core.text import normalize_cn_punctuation
from rectdesk.exchange import gbt9704 as gb
from rectdesk.exchange.bulletin_docx import (
    BulletinOptions,
    Selection,
    intro_text,
    preview_text,
    write_bulletin,
)
from rectdesk.exchange.bulletin_import import read_bulletin

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture(scope="module")
def demo_campaign(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> CampaignData:
    from rectdesk.store.queries import load_campaign
    from rectdesk.store.register import Register

    path = tmp_path_factory.mktemp("bulletin") / "demo.rectdesk"
    shutil.copy2(demo_template, path)
    with Register.open(path) as reg:
        return load_campaign(reg, 1)


@pytest.fixture(scope="module")
def demo_docx(demo_campaign: CampaignData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "通报.docx"
    report = write_bulletin(demo_campaign, out, BulletinOptions(as_of=date(2020, 11, 2)))
    assert report.problems == 31 and report.measures == 63 and report.removed_characters == 0
    return out


def xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def style_el(path: Path, name: str) -> etree._Element:
    found = xml(path, "word/styles.xml").xpath(f'w:style[w:name/@w:val="{name}"]', namespaces=NS)
    assert found, name
    return found[0]


def attr(el: etree._Element, xpath: str, name: str) -> str | None:
    hits = el.xpath(xpath, namespaces=NS)
    return hits[0].get(W + name) if hits else None


def campaign(*problems: ProblemData, **fields: object) -> CampaignData:
    base = dict(title="测试", issuing_organ="某某局党组", intro="引言。", organisation="组织情况。",
                next_steps="下一步。", signature="某某局党组", bulletin_date=date(2021, 3, 5))
    base.update(fields)
    return CampaignData(problems=list(problems), **base)  # type: ignore[arg-type]


def problem(n: int, title: str, *results: str, category: str = "") -> ProblemData:
    return ProblemData(title=title, number=n, category=category,
                       measures=[MeasureData(text=r, result=r, number=i)
                                 for i, r in enumerate(results, start=1)])


def texts(path: Path, style: str | None = None) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs
            if style is None or p.style.name == style]


# -- content ----------------------------------------------------------------------------------
def test_demo_bulletin_has_the_sample_items_in_order(demo_docx: Path) -> None:
    sample = re.findall(r"^\d+\. 关于.+问题的整改$", SAMPLE.read_text(encoding="utf-8"), re.M)
    items = texts(demo_docx, gb.HEADING3)
    assert len(items) == 31
    assert items == sample


def test_demo_bulletin_reimports_to_the_same_problems_and_measures(
        demo_docx: Path, demo_campaign: CampaignData) -> None:
    back, report = read_bulletin(demo_docx)
    assert report.unparsed == 0
    assert [p.title for p in back.problems] == [p.title for p in demo_campaign.problems]
    # The sample's half-width , ; ( ) between Chinese characters come back full-width.
    n = normalize_cn_punctuation
    assert [[m.result for m in p.measures] for p in back.problems] == \
        [[n(m.result) for m in p.measures] for p in demo_campaign.problems]
    assert back.bulletin_title == demo_campaign.bulletin_title
    assert (back.signature, back.bulletin_date, back.contact) == \
        (demo_campaign.signature, demo_campaign.bulletin_date, n(demo_campaign.contact))
    assert back.next_steps_heading == demo_campaign.next_steps_heading
    assert back.intro == n(demo_campaign.intro) and back.organisation == n(demo_campaign.organisation)


def test_structure_headings_and_joined_measures(demo_docx: Path) -> None:
    assert texts(demo_docx, gb.HEADING1) == ["一、整改工作组织情况", "二、整改落实情况", "三、下一步全面推进整改计划"]
    paras = texts(demo_docx)
    item1 = paras.index("1. 关于对派出机构管理还有缺失问题的整改")
    assert paras[item1 + 1].startswith("一是经局党组会议专题研究")
    assert "。二是在各区区委的关心下" in paras[item1 + 1]
    item2 = paras.index("2. 关于属地责任未调整到位问题的整改")
    assert paras[item2 + 1].startswith("相关处室与南京经济技术开发区")  # one measure: no 一是


def test_title_is_broken_at_the_phrase_boundary(demo_docx: Path) -> None:
    assert texts(demo_docx, gb.TITLE) == ["中共南京市生态环境局党组\n关于巡察整改进展情况的通报"]
    assert texts(demo_docx)[1] == ""  # a blank line under the title


def test_signature_and_date_close_the_bulletin(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    *_, blank, sig, day = document.paragraphs
    assert blank.text == "" and sig.text == "中共南京市生态环境局党组" and day.text == "2020年11月2日"
    assert (sig.style.name, day.style.name) == (gb.SIGNATURE, gb.DATE)
    # Signature two characters from the right; the date starts two characters right of it.
    assert sig._p.pPr.ind.get(W + "rightChars") == "200"
    assert day._p.pPr.ind.get(W + "right") == str(round(4.25 * 320))


def test_break_title_keeps_phrases_and_fits_the_line() -> None:
    assert gb.break_title("中共南京市生态环境局党组关于巡察整改进展情况的通报") == \
        ["中共南京市生态环境局党组", "关于巡察整改进展情况的通报"]
    lines = gb.break_title("中共某某市委员会办公室关于“散乱污”企业排查整治举措不实问题整改工作进展情况的通报")
    assert all(gb.text_width(line) <= gb.TITLE_CHARS for line in lines)
    assert not any("“" in line and "”" not in line for line in lines)  # quotes stay whole
    assert gb.break_title("短标题") == ["短标题"]


def test_cn_date_has_no_leading_zeros() -> None:
    assert gb.cn_date(date(2020, 1, 2)) == "2020年1月2日"


# -- format values -----------------------------------------------------------------------------
def test_page_setup_is_a4_with_gbt9704_margins(demo_docx: Path) -> None:
    section = docx.Document(str(demo_docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin.mm, section.bottom_margin.mm, section.left_margin.mm, section.right_margin.mm)
    assert margins == pytest.approx((37, 35, 28, 26), abs=0.05)
    assert attr(xml(demo_docx, "word/document.xml"), "//w:sectPr/w:docGrid", "linePitch") == "579"


def test_body_style_size_font_spacing_and_indent(demo_docx: Path) -> None:
    body = style_el(demo_docx, gb.BODY)
    assert attr(body, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(body, "w:pPr/w:ind", "firstLine") == "640"
    normal = style_el(demo_docx, "Normal")
    assert attr(normal, "w:rPr/w:sz", "val") == "32"
    assert attr(normal, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(normal, "w:pPr/w:spacing", "line") == "579"
    assert attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    # The same values as python-docx resolves them through the style chain.
    style = docx.Document(str(demo_docx)).styles[gb.BODY]
    fmt = style.base_style.paragraph_format
    assert style.paragraph_format.first_line_indent == Pt(32)
    assert (fmt.line_spacing, fmt.line_spacing_rule) == (Pt(28.95), WD_LINE_SPACING.EXACTLY)
    assert style.base_style.font.size == Pt(16)


@pytest.mark.parametrize(("name", "font", "size"), [
    (gb.TITLE, "方正小标宋简体", "44"),
    (gb.HEADING1, "黑体", None),
    (gb.HEADING2, "楷体_GB2312", None),
    (gb.HEADING3, "仿宋_GB2312", None),
    (gb.PAGE_NUMBER, "宋体", "28"),
])
def test_heading_styles_fonts_in_east_asia_slot(demo_docx: Path, name: str, font: str, size: str | None) -> None:
    el = style_el(demo_docx, name)
    assert attr(el, "w:rPr/w:rFonts", "eastAsia") == font
    assert attr(el, "w:rPr/w:sz", "val") == size


def test_title_centred_and_heading3_bold(demo_docx: Path) -> None:
    assert attr(style_el(demo_docx, gb.TITLE), "w:pPr/w:jc", "val") == "center"
    assert style_el(demo_docx, gb.HEADING3).xpath("w:rPr/w:b", namespaces=NS)
    for name in (gb.HEADING1, gb.HEADING2, gb.HEADING3):
        assert attr(style_el(demo_docx, name), "w:pPr/w:ind", "firstLine") == "640"


def test_odd_and_even_footers_carry_the_page_field(demo_docx: Path) -> None:
    assert xml(demo_docx, "word/settings.xml").xpath("w:evenAndOddHeaders", namespaces=NS)
    document = docx.Document(str(demo_docx))
    section = document.sections[0]
    odd, even = section.footer, section.even_page_footer
    assert not odd.is_linked_to_previous and not even.is_linked_to_previous
    for footer, side in ((odd, "right"), (even, "left")):
        (para,) = footer.paragraphs
        p = para._p
        assert p.xpath("string(.//w:instrText)").strip() == "PAGE"
        assert p.xpath("count(.//w:fldChar)") == 3
        assert para.text == "\u2014 1 \u2014"
        assert p.pPr.xpath("string(w:jc/@w:val)") == side
        assert p.pPr.xpath(f"string(w:ind/@w:{side})") == "280"  # one 4号 character in
        assert para.style.name == gb.PAGE_NUMBER


def test_heading3_bold_can_be_switched_off(tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    write_bulletin(campaign(problem(1, "甲", "做了。")), out, BulletinOptions(heading3_bold=False))
    (item,) = [p for p in docx.Document(str(out)).paragraphs if p.style.name == gb.HEADING3]
    assert item.runs[0].bold is False


def test_marking_is_chosen_per_export_and_placed_as_mi_ji(tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    c = campaign(problem(1, "甲", "做了。"), marking="内部资料 注意保存")
    write_bulletin(c, out)  # the public bulletin: no marking unless asked, whatever the campaign's
    assert docx.Document(str(out)).paragraphs[0].style.name == gb.TITLE
    assert "内部资料" not in zipfile.ZipFile(out).read("word/document.xml").decode()
    write_bulletin(c, out, BulletinOptions(marking="秘密★1年"))
    first, blank, title = docx.Document(str(out)).paragraphs[:3]
    # Top left, 3号黑体 (GB/T 9704 7.2.2), a body paragraph, not a heading in the outline.
    assert (first.text, first.style.name) == ("秘密★1年", gb.BODY)
    ind = first._p.find(f"{W}pPr/{W}ind")
    assert ind.get(f"{W}firstLineChars") == "0" and ind.get(f"{W}firstLine") == "0"
    fonts = first._p.find(f"{W}r/{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "黑体"
    assert blank.text == "" and title.style.name == gb.TITLE


def test_document_properties_name_the_bulletin_and_its_organ(tmp_path: Path) -> None:
    out = tmp_path / "p.docx"
    write_bulletin(campaign(problem(1, "甲", "做了。")), out)
    props = docx.Document(str(out)).core_properties
    assert props.title == "某某局党组关于巡察整改进展情况的通报"
    assert props.subject == "测试" and props.author == "某某局党组"
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    assert "参考模板" not in core and "RectDesk" not in core


def test_signature_and_date_are_kept_with_the_last_body_paragraph(tmp_path: Path) -> None:
    out = tmp_path / "k.docx"
    write_bulletin(campaign(problem(1, "甲", "做了。"), contact="联系电话：025-83630848。"), out)
    *_, contact, blank, sig, day = docx.Document(str(out)).paragraphs
    keep = [p._p.find(f"{W}pPr/{W}keepNext") is not None for p in (contact, blank, sig, day)]
    assert keep == [True, True, True, False]
    assert contact._p.find(f"{W}pPr/{W}keepLines") is not None  # short: moves whole


def test_contact_line_is_not_stretched_and_keeps_phone_numbers_whole(tmp_path: Path) -> None:
    out = tmp_path / "c.docx"
    contact = "如有意见建议,请及时向我们反映。电话(传真):025-83630848;电子信箱:njhbjgdw@163.com。"
    write_bulletin(campaign(problem(1, "甲", "做了。"), contact=contact), out)
    paragraph = docx.Document(str(out)).paragraphs[-4]
    assert paragraph._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "left"
    raw = etree.tostring(paragraph._p, encoding="unicode")
    assert "025\u2060-\u206083630848" in raw  # word joiners: no line break at the hyphen
    assert paragraph.text.replace("\u2060", "") == ("如有意见建议，请及时向我们反映。电话（传真）：025-83630848；"
                              "电子信箱：njhbjgdw@163.com。")


def test_punctuation_normalisation_is_on_by_default_and_can_be_switched_off(tmp_path: Path) -> None:
    c = campaign(problem(1, "甲", "完成了1,000份问卷,10:30开会(见附件)。详见http://a.cn/x,y。"))
    text = preview_text(c)
    assert "完成了1,000份问卷，10:30开会（见附件）。详见http://a.cn/x,y。" in text
    out = tmp_path / "n.docx"
    write_bulletin(c, out, BulletinOptions(normalize_punctuation=False))
    assert "完成了1,000份问卷,10:30开会(见附件)。详见http://a.cn/x,y。" in texts(out)


def test_control_characters_neither_split_nor_reverse_text(tmp_path: Path) -> None:
    out = tmp_path / "v.docx"
    c = campaign(problem(1, "关于\x0b控制\x0c字符", "做了\u202e反转\u202c。"))
    report = write_bulletin(c, out)
    assert "1. 关于关于 控制 字符问题的整改" in texts(out)
    assert "做了反转。" in texts(out)
    assert report.removed_characters == 2
    raw = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "\u202e" not in raw and "\x0b" not in raw


def test_bulletin_date_defaults_to_the_as_of_date_not_the_samples(tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    c = campaign(problem(1, "甲", "做了。"))  # bulletin_date 2021-03-05, as an imported sample has
    write_bulletin(c, out, BulletinOptions(as_of=date(2026, 12, 2)))
    assert texts(out, gb.DATE) == ["2026年12月2日"]
    write_bulletin(c, out)
    assert texts(out, gb.DATE) == [gb.cn_date(date.today())]
    write_bulletin(c, out, BulletinOptions(as_of=date(2026, 12, 2), bulletin_date=date(2026, 12, 5)))
    assert texts(out, gb.DATE) == ["2026年12月5日"]


# -- options -----------------------------------------------------------------------------------
def test_categories_give_subheadings_and_continuous_numbers(tmp_path: Path) -> None:
    c = campaign(problem(1, "甲", "一。", category="党的建设"), problem(2, "乙", "二。", category="业务工作方面"),
                 problem(3, "丙", "三。", category="党的建设"), categories=["党的建设", "业务工作方面"])
    out = tmp_path / "c.docx"
    write_bulletin(c, out)
    assert texts(out, gb.HEADING2) == ["（一）党的建设方面", "（二）业务工作方面"]
    assert texts(out, gb.HEADING3) == ["1. 关于甲问题的整改", "2. 关于丙问题的整改", "3. 关于乙问题的整改"]
    write_bulletin(c, out, BulletinOptions(selection=Selection.CATEGORY, category="业务工作方面"))
    assert texts(out, gb.HEADING3) == ["1. 关于乙问题的整改"]


def test_as_of_uses_latest_progress_up_to_the_date_when_result_is_empty(tmp_path: Path) -> None:
    m = MeasureData(text="计划", number=1, progress=[
        ProgressData(date(2021, 1, 5), "一月进展。", MeasureStatus.IN_PROGRESS),
        ProgressData(date(2021, 2, 5), "二月完成。", MeasureStatus.DONE)])
    c = campaign(ProblemData("甲", number=1, measures=[m]), problem(2, "乙"))
    options = BulletinOptions(as_of=date(2021, 1, 31), status_note=True)
    text = preview_text(c, options)
    assert "一月进展。" in text and "二月完成" not in text and "计划" not in text
    assert "整改状态：正在推进。" in text
    assert "整改状态：已完成。" in preview_text(c, replace(options, as_of=date(2021, 2, 28)))
    with_progress = preview_text(c, replace(options, selection=Selection.WITH_PROGRESS))
    assert "关于甲问题" in with_progress and "关于乙问题" not in with_progress
    report = write_bulletin(c, tmp_path / "a.docx", options)
    assert report.empty_problems == [2] and report.measures == 1


def test_intro_filled_from_the_campaign_when_empty() -> None:
    c = campaign(intro="", inspecting_body="市委第五巡察组", inspected_unit="市生态环境局党组",
                 kind=CampaignKind.XUNCHA, period_start=date(2020, 4, 27), period_end=date(2020, 6, 12),
                 feedback_date=date(2020, 7, 13))
    assert intro_text(c) == ("市委第五巡察组2020年4月27日至6月12日对市生态环境局党组进行了巡察，"
                             "7月13日反馈了巡察意见。按照党务公开原则和巡察工作有关要求，现将巡察整改进展情况予以公布。")


# -- robust text and files ---------------------------------------------------------------------
def test_forbidden_characters_removed_and_counted(tmp_path: Path) -> None:
    c = campaign(problem(1, "甲\x01", "做\x00了\ufffe。"), organisation="组织\x1f情况。")
    out = tmp_path / "f.docx"
    report = write_bulletin(c, out)
    assert report.removed_characters == 4
    assert "1. 关于甲问题的整改" in texts(out) and "做了。" in texts(out) and "组织情况。" in texts(out)


def test_crlf_is_one_paragraph_break_and_long_text_is_kept(tmp_path: Path) -> None:
    long = "很长的整改成效" * 20000 + "。"
    c = campaign(problem(1, "甲", long), organisation="第一段。\r\n第二段。\r\r\n第三段。")
    out = tmp_path / "l.docx"
    write_bulletin(c, out)
    paras = texts(out)
    start = paras.index("一、整改工作组织情况")
    assert paras[start + 1:start + 4] == ["第一段。", "第二段。", "第三段。"]
    assert long in paras


def test_failed_export_leaves_the_earlier_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "通报.docx"
    out.write_bytes(b"earlier")

    def broken(*args: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(gb, "_fill_document", broken)
    with pytest.raises(OSError):
        write_bulletin(campaign(problem(1, "甲", "做了。")), out)
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["通报.docx"]


def test_template_missing_a_style_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "模板.docx"
    with zipfile.ZipFile(gb.default_template_path()) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/styles.xml":
                data = data.replace("三级标题".encode(), "三级".encode())
            dst.writestr(info, data)
    out = tmp_path / "x.docx"
    with pytest.raises(gb.TemplateError, match="三级标题") as err:
        write_bulletin(campaign(problem(1, "甲", "做了。")), out, BulletinOptions(template=bad))
    assert "模板.docx" in str(err.value)
    assert not out.exists()


def test_restyled_template_is_filled(tmp_path: Path) -> None:
    """An office's template: its style ids and page setup are kept, only the body is ours."""
    custom = tmp_path / "office.docx"
    with zipfile.ZipFile(gb.default_template_path()) as src, zipfile.ZipFile(custom, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
                data = data.replace(b'"GBHeading3"', b'"a7"').replace(b'w:left="1587"', b'w:left="1600"')
            dst.writestr(info, data)
    out = tmp_path / "o.docx"
    write_bulletin(campaign(problem(1, "甲", "做了。")), out, BulletinOptions(template=custom))
    document = docx.Document(str(out))
    assert texts(out, gb.HEADING3) == ["1. 关于甲问题的整改"]
    assert document.sections[0].left_margin.twips == 1600
    assert "发文机关关于××工作情况的通报" not in texts(out)  # the template's examples are gone


def test_committed_template_matches_its_build_script(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_template", REPO / "resources/templates/build_template.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = module.build(tmp_path / "t.docx")
    assert rebuilt.read_bytes() == gb.default_template_path().read_bytes()


def test_rendered_last_page_holds_body_text_with_the_signature(tmp_path: Path, render) -> None:
    """Closing paragraphs of every length that moves the page end across the closing block:
    LibreOffice never prints the signature or the date on a page without body text."""
    paths = []
    for lines in range(12, 38):  # the intro grows one printed line at a time over a page end
        c = campaign(problem(1, "甲", "做了。"), intro="引" * (28 * lines - 2) + "。",
                     contact="联系电话：025-83630848，欢迎监督。")
        paths.append(tmp_path / f"b{lines:02}.docx")
        write_bulletin(c, paths[-1], BulletinOptions(as_of=date(2026, 12, 2)))
    pages = render(paths)
    ends = set()
    for path in paths:
        last = [ln.replace(" ", "") for ln in pages[path][-1].splitlines() if ln.strip()]
        body = [ln for ln in last if ln not in ("某某局党组", "2026年12月2日") and not ln.startswith("—")]
        assert body, f"{path.name}: last page holds only {last}"
        ends.add(len(pages[path]))
    assert len(ends) >= 2  # the documents did cross a page end


def test_rendered_contact_line_keeps_the_phone_number_on_one_line(tmp_path: Path, render) -> None:
    """The sample's contact line, where LibreOffice broke 025-/83630848 across two lines."""
    contact = ("欢迎广大党员干部对巡察“回头看”整改落实情况进行监督。如有意见建议,请及时向我们反映。"
               "电话(传真):025-83630848;地址:江东中路259号城新大厦;电子信箱:njhbjgdw@163.com。")
    out = tmp_path / "c.docx"
    write_bulletin(campaign(problem(1, "甲", "做了。"), contact=contact), out)
    text = "".join(render([out])[out]).replace(" ", "")
    assert "025-83630848" in text and "njhbjgdw@163.com" in text
