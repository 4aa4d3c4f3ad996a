"""The importer on documents of other agencies (issue 17).

Each fixture in tests/fixtures/bulletins/agencies was written for this project in the layout of a
kind of document offices really receive (the layout is named in its case below); the counts,
titles and statuses are counted by hand from the fixture. Every import must be exact, and what
the importer was unsure of must be in the report's flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rectdesk.core.model import CampaignKind as K
from rectdesk.core.model import MeasureStatus as S
from rectdesk.exchange.bulletin_import import read_bulletin

AGENCIES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins" / "agencies"
D, P, L = S.DONE, S.IN_PROGRESS, S.LONG_TERM


@dataclass
class Case:
    file: str
    layout: str  # the kind of published document the fixture follows
    titles: list[str]
    statuses: list[list[S]]  # per problem, per measure: the hand count of measures and statuses
    kind: K
    organ: str = ""
    flags: dict[str, int] = field(default_factory=dict)  # kind -> how many flags of that kind
    categories: list[str] = field(default_factory=list)
    unparsed: int = 0  # framing sections (总体要求 …) are kept as text, flagged


CASES = [
    Case("01_xuncha_org_sections.txt",
         "县直部门党组巡察整改进展通报：一、组织整改落实情况（（一）（二）小标题+一是）二、反馈问题整改落实情况"
         "（（一）关于…的问题）三、下一步；欢迎监督+联系电话，落款，日期",
         ["落实乡村振兴决策部署不够有力", "惠农补贴资金发放审核不严", "基层党组织“三会一课”流于形式"],
         [[D, L], [D, D, D], [D, L]], K.XUNCHA, "中共某某县农业农村局党组", {"organisation": 1}),
    Case("02_xunshi_org_variants.txt",
         "区委巡视整改进展通报：一、区委及主要负责人组织落实巡视整改情况（1. 2. 3. 做法小标题）"
         "二、整改落实情况按（一）…方面分类、1.关于…的问题连续编号",
         ["学习贯彻习近平新时代中国特色社会主义思想不够深入", "推动高质量发展办法不多", "基层监督执纪偏松偏软"],
         [[D, D], [P, L], [D, P]], K.XUNSHI, "中共某某市某某区委员会", {"organisation": 1},
         ["贯彻落实党的理论和路线方针政策方面", "落实全面从严治党战略部署方面"]),
    Case("03_gongshi_ducha_kv.txt",
         "督察“回头看”反馈问题整改任务销号公示：整改任务：/整改目标：/整改完成情况：后接 1、2、3、；特此公示！"
         "公示时间、联系电话、落款",
         ["部分乡镇污水处理设施建成后运行不正常，出水不能稳定达标"],
         [[D, D, D]], K.DUCHA, "某某区水务局", {"document_status": 1}),
    Case("04_gongshi_blocks_no_signature.txt",
         "县局巡察整改情况公示：连续的 整改任务：/整改完成情况： 块，结尾 特此公示、欢迎监督、监督电话，无落款日期",
         ["执法监察巡查不到位，个别违法占地未及时发现", "不动产登记窗口办理时限过长", "干部队伍年龄结构老化"],
         [[D], [D], [P]], K.XUNCHA, "某某县自然资源局", {"closing": 3}),
    Case("05_audit_letter_traditional.txt",
         "市政府致省审计厅的审计发现问题整改情况函（转载稿为繁体字）：一、总体情况 二、具体整改情况"
         "（（一）问题。该问题已完成整改。一是…二是…）",
         ["部分城镇污水处理厂进水浓度偏低", "专项资金拨付不及时", "部分排污口监管不到位"],
         [[D, D], [D, P], [D, D, L]], K.AUDIT, "某某市人民政府", {"source": 1, "organisation": 1}),
    Case("06_audit_list_then_rectify.txt",
         "审计局审计整改结果公告：一、审计发现的主要问题（1. 2. 3. 列表）二、整改情况（上述问题已全部整改完成；"
         "（一）…的整改情况）",
         ["部分项目资金未按规定用途使用", "政府采购程序不规范", "固定资产账实不符"],
         [[D], [D, D], [D]], K.AUDIT, "某某县审计局", {"problem_list": 1, "document_status": 3}),
    Case("07_audit_renda_report.txt",
         "审计局受政府委托向人大常委会作的审计查出问题整改情况报告：称谓行，一、总体推进情况（（一）（二）做法）"
         "二、整改情况按（一）…方面分类，1.问题。下接 整改情况：",
         ["部分非税收入未及时缴入国库", "预算调整不规范", "个别单位超标准列支会议费"],
         [[P], [P], [D]], K.AUDIT, "区人民政府", {"organisation": 1}, ["财政管理方面", "部门预算执行方面"]),
    Case("08_ducha_progress_list.txt",
         "省（市）落实中央生态环境保护督察“回头看”反馈意见整改进展清单：一、关于“督察指出……”的问题，"
         "整改进展情况：已经完成，长期坚持。下接 1. 2. 措施；无落款",
         ["“督察指出，某某市一些地方推进生态环境保护工作部署多、落实少，对督察整改抓得不紧，后期有所放松”",
          "“督察指出，某某河流域部分支流水质仍不能稳定达标”", "“督察指出，城区餐饮油烟扰民投诉较多”"],
         [[L, L], [P, P], [D]], K.DUCHA, "某某市"),
    Case("09_xunshi_recheck_kind.txt",
         "省直单位党组巡视“回头看”整改进展通报：一、关于…的问题 下接一是…二是…；落款、日期",
         ["上轮巡视整改不彻底", "选人用人监督不严", "对直属单位管理宽松软"],
         [[D, P], [D, L], [D]], K.XUNSHI, "中共某某省某某厅党组"),
    Case("10_status_sections.txt",
         "镇党委巡察整改落实情况报告：按状态分节（一、已完成整改的问题 二、正在推进的问题 三、需长期坚持的问题），"
         "（一）X的问题。后接整改做法",
         ["村级财务报账不规范", "镇机关公车使用登记不全", "党员发展程序倒置", "集体经济薄弱村增收渠道少",
          "干部作风不够扎实"],
         [[D], [D], [D], [P, P], [L]], K.XUNCHA, "某某镇党委", {"document_status": 3},
         ["已完成整改的问题", "正在推进的问题", "需长期坚持的问题"]),
    Case("11_plan_lead_children.txt",
         "市卫健委党组整改方案：一、关于…的问题，下列（1）（2）措施，其中（1）带一句引导语后接一是…二是…",
         ["公立医院党建工作责任制落实不到位", "医保基金使用监管不严"],
         [[P, P, P, P, P], [P, P]], K.XUNCHA, "中共某某市卫生健康委员会党组"),
    Case("12_closing_no_signature.txt",
         "县局党组巡察整改进展通报（网站转载稿，无落款日期）：结尾 欢迎监督、联系电话、特此通报",
         ["食品安全监管存在盲区", "行政执法不规范"],
         [[D, L], [D, D]], K.XUNCHA, "某某县市场监督管理局党组", {"closing": 3}),
    Case("13_plan_framing_guarantees.txt",
         "区局巡察反馈问题整改方案：一、总体要求 二、整改任务（（一）关于…的问题 整改措施：1. 2. 责任单位：完成时限：）"
         "三、保障措施（（一）加强组织领导…）",
         ["建设工程质量监督抽查频次不足", "物业服务投诉处理不及时"],
         [[P, P], [P]], K.XUNCHA, "某某区住房和城乡建设局", {"organisation": 1, "unparsed": 2}, unparsed=2),
    Case("14_word_auto_numbering.docx",
         "县局党组巡察整改进展通报的 Word 原件：一、和 1. 由 Word 自动编号（numbering.xml）生成，不在文字中",
         ["养老机构消防安全管理不到位", "社会救助对象审核把关不严", "殡葬领域专项整治推进缓慢"],
         [[D, P], [D, L], [D]], K.XUNCHA, "某某县民政局党组"),
    Case("15_label_value_tables.docx",
         "县生态环境局督察整改任务销号公示的 Word 原件：每项任务一张两列表格（整改任务 | …，整改完成情况 | 1、2、）",
         ["县城建成区仍有燃煤小锅炉未淘汰", "部分工业园区雨污管网混接"],
         [[D, D], [D]], K.DUCHA, "某某县生态环境局", {"document_status": 1}),  # task 2 says 已全部… itself
    Case("16_gbt9704_bulletin.pdf",
         "按 GB/T 9704 排版的通报 PDF：标题分两行，首行缩进，每页页眉“信息公开”和页码 — N —",
         ["审计项目计划管理不够科学", "审计查出问题整改跟踪不到位", "干部教育培训针对性不强"],
         [[D, D], [D, L, P], [D]], K.XUNCHA, "中共某某市审计局党组", {"source": 1, "organisation": 1}),
    Case("17_portal_page.html",
         "区政府门户网站信息公开页：导航、当前位置、索引号/发布机构表、h1 标题、分享条、正文 div#zoom、相关文章、页脚",
         ["基层医疗机构药品管理不规范", "公共卫生项目资金使用绩效不高", "医德医风建设抓得不实"],
         [[D, P], [D, D], [L]], K.XUNCHA, "某某区卫生健康局党组"),
    Case("18_gbk_page_with_table.htm",
         "县局网站上的整改清单页（GB2312 编码）：序号/反馈问题/整改措施/责任单位/整改时限/完成情况，合并单元格",
         ["农村公路养护资金拨付滞后", "超限超载治理存在薄弱环节", "工程项目变更审批不严格"],
         [[D, D], [P], [D]], K.XUNCHA, "某某县交通运输局"),
    Case("19_saved_page.mhtml",
         "浏览器“网页，单个文件”另存的 .mhtml（MIME 封装、quoted-printable 编码的门户网站页面）",
         ["基层医疗机构药品管理不规范", "公共卫生项目资金使用绩效不高", "医德医风建设抓得不实"],
         [[D, P], [D, D], [L]], K.XUNCHA, "某某区教育局党组"),
    Case("20_letter_numbered_blocks.txt",
         "街道办事处致区委巡察办的整改情况报告（函）：称谓行，问题1：/整改措施：（1）（2）/整改结果：块",
         ["社区工作者队伍不稳定，流失率较高", "辖区老旧小区消防通道堵塞"],
         [[P, P], [D]], K.XUNCHA, "某某街道办事处"),
    Case("21_joint_signature_cn_date.txt",
         "县委、县政府联合署名的巡视整改进展通报：一、坚持问题导向…（做法）二、整改成效 三、反馈问题整改情况；"
         "结尾自成一段的“下一步，……”，两行落款，汉字日期（二〇二二年十二月二十日）",
         ["耕地保护责任落实不到位", "县属国有企业债务风险较高", "民生实事推进缓慢"],
         [[D, L], [P, P], [D]], K.XUNSHI, "中共某某县委某某县人民政府", {"organisation": 2, "closing": 1}),
    Case("22_bracket_labels_soe.txt",
         "国有企业党委巡视整改进展通报：【问题一】【整改措施】（1）…；（2）…【责任部门】【整改时限】【整改状态】",
         ["主业发展不突出，部分投资偏离主责主业", "“三重一大”决策制度执行不严格"],
         [[D, D], [P]], K.XUNSHI, "某某集团有限公司党委"),
    Case("23_renda_report_formula.txt",
         "审计局局长在人大常委会会议上的审计查出问题整改情况报告：副标题（——……会议上）、报告人、称谓，"
         "一、总体情况 二、具体整改情况（（一）问题。整改情况。），结尾“以上报告，请予审议。”，无落款",
         ["部分专项资金闲置", "个别单位未按规定公开部门预算", "政府投资项目结算审核不及时", "部分国有资产出租未履行评估程序"],
         [[D], [D], [D], [P]], K.AUDIT, "", {"organisation": 1, "closing": 1}),
    Case("24_old_site_br_gbk.htm",
         "老式乡镇网站页面（GBK）：嵌套布局表格、左侧栏目表、td.biaoti 标题、发布时间/来源行、正文在 td 中以 <br> 分段",
         ["村级组织软弱涣散", "惠民资金发放不及时"],
         [[D, L], [D]], K.XUNCHA, "某某乡党委"),
    Case("25_pasted_from_portal.txt",
         "从门户网站全选复制的通报文字：当前位置/字号行在前，附件列表在落款前，（此件公开发布）和【打印本页】在后",
         ["森林防火设施维护不到位", "生态护林员管理松散"],
         [[D, L], [D]], K.XUNCHA, "某某县林业局党组"),
    Case("26_audit_notice_indent.pdf",
         "审计局审计整改情况公告 PDF：首行缩进由位置而非空格画出，页眉为审计局名称（与落款相同），页脚“第 N 页 共 M 页”，"
         "导语中“审计发现的问题均已整改完成”",
         ["水利工程建设项目未按期完工", "部分农田水利设施管护经费未及时拨付到乡镇", "固定资产处置未履行审批手续"],
         [[D], [D], [D]], K.AUDIT, "某某县审计局", {"source": 1, "document_status": 3}),
    Case("27_categories_without_fangmian.txt",
         "区委巡察办通报被巡察单位整改进展：（一）（二）类别名不带“方面”，其下 1. 2. 3. 4. 跨类别连续编号，"
         "个别问题下（1）措施另起一段补充说明",
         ["理论学习不深入", "意识形态责任制落实不到位", "“三重一大”制度执行不严格", "社区“两委”换届后续工作不到位"],
         [[D, L], [D], [D], [P, P]], K.XUNCHA, "中共某某区委巡察工作领导小组办公室", {},
         ["党的政治建设", "全面从严治党"]),
    Case("28_gongshi_numbered_tasks.txt",
         "县生态环境局督察反馈问题整改情况公示：一、整改任务：…/整改目标：/整改完成情况：1、…2、…（同一行）逐项编号，"
         "结尾异议联系、落款日期",
         ["县城污水处理厂超负荷运行", "部分河段存在垃圾堆放"],
         [[D, P], [P]], K.DUCHA, "某某县生态环境局"),
    Case("29_pasted_tab_table.txt",
         "从 Excel 复制粘贴的整改清单：标题行后接制表符分隔的表头（序号/问题/整改措施/责任单位/完成时限）和各行",
         ["党组会议制度执行不严", "财务报销审核不严", "干部培训针对性不强"],
         [[P], [P], [P]], K.XUNCHA, "某某局"),
    Case("30_action_headings_around_problems.txt",
         "市局党组巡视整改进展通报：一、提高政治站位…（做法）二、聚焦反馈问题，坚决抓好整改落实（（一）关于…的问题）"
         "三、持续深化巡视整改，巩固整改成果（问题之后的工作部署，无“下一步”字样）",
         ["落实意识形态工作责任制不到位", "执法监督不严"],
         [[D, L], [D]], K.XUNSHI, "中共某某市某某局党组", {"organisation": 1, "next_steps": 1}),
    Case("31_status_in_organisation_text.txt",
         "县局党组巡察整改情况通报：一、整改工作组织情况 段中写明“反馈的2个问题已全部整改完成”，二、各问题只写做法不写状态",
         ["文物安全巡查不到位", "公共文化场馆免费开放不规范"],
         [[D], [D]], K.XUNCHA, "某某县文化和旅游局党组", {"organisation": 1, "document_status": 2}),
    Case("32_unnumbered_problem_headings.html",
         "县审计局网站通报页：问题标题“关于……的问题”为加粗段落，没有编号；正文一是…二是…；右对齐落款",
         ["审计项目质量控制不严", "审计整改跟踪督促不到位"],
         [[D, L], [D]], K.XUNCHA, "某某县审计局党组", {"source": 1}),
    Case("33_banji_and_page_lines.txt",
         "由 PDF 复制的 GB/T 9704 通报全文：正文中夹着“第 1 页 共 2 页”，括注联系人，落款日期后有版记（抄送、印发）",
         ["重大项目谋划储备不足", "价格监测工作不规范"],
         [[D], [D]], K.XUNCHA, "某某区发展和改革局党组"),
    Case("34_audit_result_findings_only.txt",
         "审计结果公告（尚未整改）：一、审计发现的主要问题（（一）（二）列出问题）二、审计处理及建议；问题无措施",
         ["往来款项长期挂账未清理", "部分经营性资产出租未签订合同"],
         [[], []], K.AUDIT, "某某县审计局", {"no_measures": 2, "unparsed": 2}, unparsed=2),
    Case("35_category_closing_status.txt",
         "镇政府审计整改情况报告：（一）…方面 下 1. 2. 问题，类别末段“以上问题已全部整改完成。”，（二）下问题跨类别连续编号",
         ["部分支出未附合法票据", "村级资金未纳入监管平台", "闲置资产未盘活"],
         [[D, D], [D], [P]], K.AUDIT, "某某镇人民政府", {"document_status": 2},
         ["财务管理方面", "资产管理方面"]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file)
def test_agency_layout_imports_exactly(case: Case) -> None:
    campaign, report = read_bulletin(AGENCIES / case.file)
    assert [p.title for p in campaign.problems] == case.titles
    assert [[m.status for m in p.measures] for p in campaign.problems] == case.statuses
    assert report.measures == sum(map(len, case.statuses)) and report.problems == len(case.titles)
    assert (campaign.kind, campaign.issuing_organ) == (case.kind, case.organ)
    assert campaign.title and campaign.title != "导入的整改任务" and "\n" not in campaign.title
    if case.categories:
        assert campaign.categories == case.categories
    kinds = {f.kind for f in report.flags}
    assert {k: len(report.flagged(k)) for k in kinds} == case.flags
    assert report.unparsed == case.unparsed
    glued = [m.text for p in campaign.problems for m in p.measures
             if re.search(r"特此|欢迎|联系电话|监督电话|附件|打印|公示时间|请予审议|下一步|\d{4}年\d{1,2}月\d{1,2}日$", m.text)]
    assert glued == []  # closing paragraphs never glued onto the last measure
    assert campaign.bulletin_title.endswith(("通报", "公示", "报告", "方案", "清单", "公告", "函"))


def test_every_fixture_has_its_hand_count() -> None:
    files = sorted(p.name for p in AGENCIES.iterdir() if p.suffix not in (".py", ".md"))
    assert sorted(c.file for c in CASES) == files
    assert len(files) >= 20 and len({c.layout for c in CASES}) == len(CASES)
