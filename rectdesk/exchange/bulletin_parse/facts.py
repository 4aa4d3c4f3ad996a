"""The campaign's fields from a document's title, metadata block, intro and signature."""

from __future__ import annotations

import re
from datetime import date

from rectdesk.core.deadlines import parse_any_date, parse_cn_date
from rectdesk.core.errors import RectDeskError
from rectdesk.core.model import CampaignData, CampaignKind
from rectdesk.exchange.bulletin_parse import outline
from rectdesk.exchange.bulletin_parse.fields import field_line

_TITLE_WORDS = ("通报", "报告", "方案", "意见", "关于", "清单", "公示", "公告", "整改情况", "整改进展", "说明", "的函")
_TITLE_END = re.compile(r"(通报|报告|方案|意见|清单|公示|公告|情况|说明|函)$")
_ORGAN = re.compile(r"(委|党组|党委|政府|局|厅|办公室|部|院|会|公司|中心|集团|大学|学校|署|工委|支部|[市县区镇乡])$")
_LEADING_ORGAN = re.compile(r"^(.{2,30}?(?:党组|党委|党工委|委员会|人民政府|政府|局|厅|办公室|中心|公司|集团|院|[市县区]))"
                            r"(?=关于|落实|贯彻|巡[视察]|审计|督察|整改)")
_ORG_BODY = re.compile(r"([^，,。；;、：:\n]*?巡[视察]组|[^，,。；;、：:\n]*?督察组|[^，,。；;、：:\n]*?审计组"
                       r"|[^，,。；;、：:\n]*?审计[厅局署])")
# Which kind of inspection: the title decides first, then the intro; 回头看 only refines 巡察.
_KINDS = (("督察", CampaignKind.DUCHA), ("巡视", CampaignKind.XUNSHI), ("巡察", CampaignKind.XUNCHA),
          ("审计", CampaignKind.AUDIT))
FALLBACK_TITLE = "导入的整改任务"


def _title_like(line: str) -> bool:
    return (any(w in line for w in _TITLE_WORDS) and len(line) <= 100 and not line.endswith(("。", "：", ":"))
            and outline.marker(line) is None and not field_line(line))


_FURNITURE = re.compile(r"^(当前位置|您的位置|您现在的位置|位置)[:：]|^首页\s*[>＞›»]|^字号[:：]|^【?字体[:：]|^分享到"
                        r"|^(浏览|阅读|访问)(次数|量)[:：]")
_FURNITURE_LINES = 6


def take_title(lines: list[str], c: CampaignData) -> list[str]:
    """The first line when it reads as a title; a title printed on two lines is joined. Lines of
    a web page's furniture pasted along with it (当前位置：首页 > …, 字号：大 中 小) go first."""
    skipped = 0
    while lines and skipped < _FURNITURE_LINES and _FURNITURE.search(lines[0]):
        lines, skipped = lines[1:], skipped + 1
    if not lines:
        return lines
    if len(lines) >= 2 and len(lines[0]) <= 60 and len(lines[1]) <= 40 and _TITLE_END.search(lines[1]) \
            and not _TITLE_END.search(lines[0]) and _title_like(lines[0] + lines[1]) \
            and not lines[0].endswith("。") and outline.marker(lines[1]) is None:
        lines = [lines[0] + lines[1], *lines[2:]]
    first = lines[0]
    if _title_like(first):
        c.bulletin_title = first
        organ = first.split("关于", 1)[0] if "关于" in first else (m.group(1) if (m := _LEADING_ORGAN.match(first)) else "")
        c.issuing_organ = organ if _ORGAN.search(organ) else ""
        return lines[1:]
    return lines


def apply_metadata(c: CampaignData, meta: dict[str, str]) -> None:
    if not c.bulletin_date and (raw := meta.get("成文日期") or meta.get("发文日期") or meta.get("发布日期")):
        c.bulletin_date = parse_cn_date(raw) or _loose_date(raw)
    organ = meta.get("发布机构") or meta.get("所属机构") or meta.get("来源") or ""
    if not c.issuing_organ and _ORGAN.search(organ):
        c.issuing_organ = organ[:100]


def _loose_date(raw: str) -> date | None:
    try:
        return parse_any_date(raw.replace("/", "-").replace(".", "-"))
    except RectDeskError:
        return None


def campaign_kind(title: str, intro: str) -> CampaignKind | None:
    """The kind the title names after its organ (市审计局党组关于巡察… is a 巡察), else the intro's."""
    for text in (title.split("关于", 1)[-1], intro):
        found = [(text.find(w), kind) for w, kind in _KINDS if w in text]
        if found:
            kind = min(found, key=lambda x: x[0])[1]
            if kind is CampaignKind.XUNCHA and "回头看" in title + intro:
                return CampaignKind.XUNCHA_RECHECK
            return kind
    return None


def fill_intro_facts(campaign: CampaignData, intro: str, year: int | None) -> None:
    """Inspecting body, inspected unit, period, feedback date and kind from the title and intro."""
    if m := _ORG_BODY.search(intro):
        campaign.inspecting_body = re.sub(r"^.*(部署|要求|安排|落实|根据|按照)", "", m.group(1)).strip("，, ")[:100]
    period = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", intro)
    try:
        if period:
            y1 = int(period[1])
            y2 = int(period[4]) if period[4] else y1
            campaign.period_start = date(y1, int(period[2]), int(period[3]))
            campaign.period_end = date(y2, int(period[5]), int(period[6]))
            year = y2
        if m := re.search(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[^。，,]*?反馈", intro):
            fy = int(m[1]) if m[1] else year
            if fy:
                campaign.feedback_date = date(fy, int(m[2]), int(m[3]))
    except ValueError:
        pass  # an impossible date in the text: leave the field empty rather than guess
    if m := re.search(r"对(.{2,60}?)进行了", intro):
        campaign.inspected_unit = m.group(1)
    if kind := campaign_kind(campaign.bulletin_title, intro[:300]):
        campaign.kind = kind


def campaign_title(campaign: CampaignData) -> str:
    kind = "巡察“回头看”" if campaign.kind is CampaignKind.XUNCHA_RECHECK else campaign.kind.value
    if campaign.inspecting_body:
        return f"{campaign.inspecting_body}{kind}反馈意见整改"[:200]
    if campaign.bulletin_title:
        return campaign.bulletin_title.removesuffix("的通报")[:200]
    if campaign.issuing_organ:
        return f"{campaign.issuing_organ}{kind}整改"[:200]
    return FALLBACK_TITLE
