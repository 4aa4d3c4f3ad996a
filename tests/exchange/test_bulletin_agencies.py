"""The importer on documents of other agencies (issue 17).

Each fixture in tests/fixtures/bulletins/agencies was written for this project in the layout of a
kind of document offices really receive (the layout is named in its case below); the counts,
titles and statuses are counted by hand from the fixture. Every import must be exact, and what
the importer was unsure of must be in the report's flags.
"""

from __future__ import annotations

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
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file)
def test_agency_layout_imports_exactly(case: Case) -> None:
    campaign, report = read_bulletin(AGENCIES / case.file)
    assert [p.title for p in campaign.problems] == case.titles
    assert [[m.status for m in p.measures] for p in campaign.problems] == case.statuses
    assert report.measures == sum(map(len, case.statuses)) and report.problems == len(case.titles)
    assert (campaign.kind, campaign.issuing_organ) == (case.kind, case.organ)
    assert campaign.title and campaign.title != "导入的整改任务"
    if case.categories:
        assert campaign.categories == case.categories
    kinds = {f.kind for f in report.flags}
    assert {k: len(report.flagged(k)) for k in kinds} == case.flags
    assert report.unparsed == 0


def test_every_fixture_has_its_hand_count() -> None:
    files = sorted(p.name for p in AGENCIES.iterdir() if p.suffix not in (".py", ".md"))
    assert sorted(c.file for c in CASES) == files
