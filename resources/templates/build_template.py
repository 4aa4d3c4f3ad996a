"""Build resources/templates/gbt9704_reference.docx, the reference template for GB/T 9704 documents.

    python resources/templates/build_template.py [OUT.docx]

The template carries the page setup, the styles and the page-number footers; its body shows one
example paragraph per style so an office can restyle them in Word (keep the style names). The
output is byte-for-byte reproducible (a test rebuilds it and compares).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from rectdesk.exchange import gbt9704 as gb

HERE = Path(__file__).resolve().parent
OUT = HERE / "gbt9704_reference.docx"
STAMP = (2024, 1, 1, 0, 0, 0)

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
INDENT2 = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * gb.BODY_PT * 20}"/>'
EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{gb.LINE_PITCH_TWIPS}" w:lineRule="exact"/>'


def fonts(name: str) -> str:
    # eastAsia is what Word uses for Chinese; ascii/hAnsi too so digits and “” match the text.
    return (f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" '
            'w:hint="eastAsia"/>')


def size(pt: int) -> str:
    return f'<w:sz w:val="{pt * 2}"/><w:szCs w:val="{pt * 2}"/>'


CONDENSED = f'<w:spacing w:val="{gb.CHAR_SPACING}"/>'  # 28 characters a line (see gbt9704)


def style(style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal",
          extra: str = "") -> str:
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{base}<w:next w:val="GBBody"/><w:qFormat/>{extra}'
            f'<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


def styles_xml() -> str:
    body = gb.FONTS["body"]
    normal = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              '<w:qFormat/><w:pPr><w:widowControl w:val="0"/>' + EXACT +
              f'<w:jc w:val="both"/></w:pPr><w:rPr>{fonts(body)}{CONDENSED}{size(gb.BODY_PT)}</w:rPr></w:style>')
    heading = '<w:keepNext/>' + INDENT2
    items = [
        normal,
        style("GBBody", gb.BODY, INDENT2, ""),
        style("GBTitle", gb.TITLE, '<w:jc w:val="center"/>',
              fonts(gb.FONTS["title"]) + size(gb.TITLE_PT)),
        style("GBHeading1", gb.HEADING1, heading + '<w:outlineLvl w:val="0"/>',
              fonts(gb.FONTS["heading1"])),
        style("GBHeading2", gb.HEADING2, heading + '<w:outlineLvl w:val="1"/>',
              fonts(gb.FONTS["heading2"])),
        style("GBHeading3", gb.HEADING3, heading + '<w:outlineLvl w:val="2"/>',
              fonts(gb.FONTS["heading3"]) + "<w:b/><w:bCs/>"),
        style("GBSignature", gb.SIGNATURE, '<w:ind w:right="640" w:rightChars="200"/><w:jc w:val="right"/>', ""),
        style("GBDate", gb.DATE, '<w:ind w:right="1280" w:rightChars="400"/><w:jc w:val="right"/>', ""),
        style("GBPageNumber", gb.PAGE_NUMBER,
              '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
              fonts(gb.FONTS["page_number"]) + size(gb.PAGE_NUMBER_PT)),
        style("GBTableText", gb.TABLE_TEXT,
              '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
              size(14)),
        ('<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
         '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
         '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
         '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'),
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts(body)}{size(gb.BODY_PT)}'
                '<w:kern w:val="2"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
                '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>' + EXACT +
                '</w:pPr></w:pPrDefault></w:docDefaults>')
    return HEAD + f'<w:styles {NS}>{defaults}{"".join(items)}</w:styles>'


def footer_xml(odd: bool) -> str:
    # "— N —": odd pages right-aligned, even pages left-aligned, each one 4号 character in.
    ind = ('<w:ind w:right="280" w:rightChars="100"/><w:jc w:val="right"/>' if odd
           else '<w:ind w:left="280" w:leftChars="100"/><w:jc w:val="left"/>')
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (HEAD + f'<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="GBPageNumber"/>{ind}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">\u2014 </w:t></w:r>{field}'
            '<w:r><w:t xml:space="preserve"> \u2014</w:t></w:r></w:p></w:ftr>')


def document_xml() -> str:
    examples = [
        ("GBTitle", "发文机关关于××工作情况的通报"),
        ("GBBody", "正文（公文正文）：3号仿宋_GB2312，固定行距28.95磅，每页22行，首行缩进2字符。"),
        ("GBHeading1", "一、一级标题（黑体）"),
        ("GBHeading2", "（一）二级标题（楷体_GB2312）"),
        ("GBHeading3", "1. 三级标题（仿宋_GB2312，加粗）"),
        ("GBBody", "生成文件时，本模板的正文内容会被替换，页面设置、样式和页码保留。修改样式时请保留样式名称。"),
        ("GBSignature", "发文机关署名"),
        ("GBDate", "2024年1月1日"),
    ]
    paras = "".join(f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
                    for sid, text in examples)
    p = gb.PAGE
    sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'<w:pgSz w:w="{p.width}" w:h="{p.height}"/>'
            f'<w:pgMar w:top="{p.top}" w:right="{p.right}" w:bottom="{p.bottom}" w:left="{p.left}" '
            f'w:header="{p.header}" w:footer="{p.footer}" w:gutter="0"/><w:cols w:space="425"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{gb.LINE_PITCH_TWIPS}"/></w:sectPr>')
    return HEAD + f'<w:document {NS}><w:body>{paras}{sect}</w:body></w:document>'


SETTINGS = (HEAD + f'<w:settings {NS}><w:zoom w:percent="100"/><w:evenAndOddHeaders/>'
            '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>')

# Substitutes Word and WPS use where the office's fonts are missing (w:altName).
FONT_TABLE = HEAD + f'<w:fonts {NS}>' + "".join(
    f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
    f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
    for name, alt, family in (("仿宋_GB2312", "仿宋", "modern"), ("楷体_GB2312", "楷体", "modern"),
                              ("方正小标宋简体", "宋体", "script"), ("黑体", "SimHei", "modern"),
                              ("宋体", "SimSun", "auto"))) + "</w:fonts>"

CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
DOCUMENT_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdFooterOdd" Type="{REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterEven" Type="{REL}/footer" Target="footer2.xml"/>'
    '</Relationships>')
CORE = HEAD + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:title>GB/T 9704-2012 参考模板</dc:title><dc:creator>RectDesk</dc:creator>'
    '</cp:coreProperties>')


def parts() -> list[tuple[str, str]]:
    return [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/core.xml", CORE),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS),
        ("word/fontTable.xml", FONT_TABLE),
        ("word/footer1.xml", footer_xml(odd=True)),
        ("word/footer2.xml", footer_xml(odd=False)),
    ]


def build(out: Path = OUT) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
