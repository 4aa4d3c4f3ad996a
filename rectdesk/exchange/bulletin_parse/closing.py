"""The end of a document (date, signature, contact, 特此通报 …) and the sentences that state the
status of a whole document or section (上述问题已全部整改完成)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rectdesk.core.deadlines import parse_cn_date
from rectdesk.core.model import MeasureStatus
from rectdesk.exchange.bulletin_parse.fields import field_line
from rectdesk.exchange.bulletin_parse.outline import marker

_FORMULA = re.compile(r"^(特此(通报|公示|报告|公告|函告|说明|函复|函)|以上报告，?请予审议|请予审议|妥否，?请批示)[。！!．.]?$"
                      r"|^[（(]此件[^）)]{0,12}[）)]$|" + r"^【?(打印|关闭|打印本页|关闭窗口|返回顶部|分享到|扫一扫|上一篇|下一篇)"
                      r"|^.{2,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$|^(抄送|印发|分送)[:：]")  # the 版记
_ATTACHMENTS = re.compile(r"^附件[:：\d]")
_ATTACHMENT_TAIL = 8  # an attachment list (附件：1.… 2.…) closes the text within this many lines
_NEXT_STEPS = re.compile(r"^(下一步|下阶段|接下来|今后)[，,：:]")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN_DATE = re.compile(r"^([〇○零ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_ISO_DATE = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$")
_GLUED_FORMULA = re.compile(r"^(.*[。！？])\s*(特此(?:通报|公示|报告|公告|函告|说明)[。！!]?)$")
_CLOSING = re.compile(r"^[（(]?(欢迎|如有|如对|联系(电话|人|方式|地址)|(监督|举报|咨询|值班|联系)?电话|邮政(信箱|编码)|"
                      r"电子邮箱|邮箱|信箱|通讯地址|通信地址|地址|邮编|传真|公示(时间|期)|附件|附表|"
                      r"[（(]此件|公开方式)")
_SUPERVISE = re.compile(r"(接受|欢迎)[^。]{0,40}监督|意见[和或、]?建议[^。]{0,30}(反映|反馈)|电话[:：]?\s*\d")
# A sentence stating the status of everything before it (or of a section, in its own body).
_SCOPE_DONE = re.compile(r"(上述|以上|反馈的?|发现的|查出的?|指出的|所有|全部|各项|\d+[个项条]|[一二三四五六七八九十]+[个项条])[^。；]{0,30}"
                         r"(问题|任务|事项|意见)[^。；]{0,12}(已全部|均已|全部|都已|已经全部)"
                         r"(完成整改|整改完成|整改到位|完成|办结|销号|达到销号)"
                         r"|\d+[个项条](整改)?(问题|任务|事项)[^。；]{0,8}(已|均已|均)达到销号"
                         r"|(该|此|本)(项|条)?(整改)?(问题|任务|事项)[^。；]{0,10}(已完成整改|已整改到位|已达到销号|达到销号|已销号)")
_SCOPE_HEADING = (
    (re.compile(r"^(已完成整改|已整改到位|已完成|已整改|完成整改|已办结|已销号)的?(问题|事项|任务)?"), MeasureStatus.DONE),
    (re.compile(r"^(正在整改|正在推进|基本完成|部分完成|部分整改|持续整改|阶段性|尚未完成|未完成)"),
     MeasureStatus.IN_PROGRESS),
    (re.compile(r"^(需)?(长期坚持|长期推进|长期整改|常态化)"), MeasureStatus.LONG_TERM),
)
_SIGNATURE_MAX = 40


@dataclass
class Tail:
    date: date | None = None
    signature: str = ""
    contact: list[str] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)  # 特此通报: printed by the exporter, not kept
    statuses: list[str] = field(default_factory=list)  # 上述问题已全部整改完成 at the very end
    next_steps: list[str] = field(default_factory=list)  # 下一步，… as a closing paragraph of its own


def scope_status(text: str) -> MeasureStatus | None:
    """DONE when `text` says all the problems it speaks of are rectified."""
    return MeasureStatus.DONE if _SCOPE_DONE.search(text) else None


def scope_sentence(texts: list[str]) -> str:
    """The first sentence of `texts` that states the status of everything (for the flag's text)."""
    for text in texts:
        for m in re.finditer(r"[^。；！？]+[。；！？]?", text):
            if _SCOPE_DONE.search(m.group(0)):
                return m.group(0).strip()
    return ""


def heading_status(heading: str) -> MeasureStatus | None:
    """A section named by its status: 已完成整改的问题, 正在整改的问题, 需长期坚持的问题."""
    for pattern, status in _SCOPE_HEADING:
        if pattern.match(heading):
            return status
    return None


def is_closing(line: str) -> bool:
    return bool(_FORMULA.match(line) or _CLOSING.match(line) or (_SUPERVISE.search(line) and len(line) <= 200))


def _is_signature(line: str) -> bool:
    return (len(line) <= _SIGNATURE_MAX and not line.endswith(("。", "；", "：", ":"))
            and marker(line) is None and not field_line(line) and not is_closing(line))


def _small(text: str) -> int:
    """一 .. 三十一 (month and day in a date written in Chinese numerals)."""
    if "十" not in text:
        return _CN_DIGIT.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def is_date(line: str) -> date | None:
    """2021年3月18日, 二〇二一年三月十八日 or 2021-03-18 on a line of its own."""
    line = re.sub(r"\s+", "", line)
    if len(line) > 16:
        return None
    try:
        if m := _CN_DATE.match(line):
            return date(int("".join(str(_CN_DIGIT[c]) for c in m.group(1))), _small(m.group(2)), _small(m.group(3)))
        if m := _ISO_DATE.match(line):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return parse_cn_date(line)


def take_tail(lines: list[str]) -> tuple[list[str], Tail]:
    """Lines without their closing part, and that part; stops at the first line of body text."""
    tail = Tail()
    lines = list(lines)
    for index in range(max(0, len(lines) - _ATTACHMENT_TAIL), len(lines)):
        if _ATTACHMENTS.match(lines[index]):  # the list of attachments, and whatever follows it
            attached = lines[index:]
            date_at = next((i for i, x in enumerate(attached) if is_date(x)), None)
            if date_at is not None:  # 附件 printed before the signature and date: those still close it
                keep = date_at - 1 if date_at >= 2 and _is_signature(attached[date_at - 1]) else date_at
                lines = lines[:index] + attached[keep:]
                attached = attached[:keep]
            else:
                lines = lines[:index]
            tail.formulas.extend(attached)
            break
    if lines and (m := _GLUED_FORMULA.match(lines[-1])):
        lines[-1:] = [m.group(1), m.group(2)]
    last = ""
    while lines:
        line = lines[-1]
        if tail.date is None and not tail.signature and (d := is_date(line)):
            tail.date, last = d, "date"
            lines.pop()
            continue
        if last in ("date", "signature") and _is_signature(line) and tail.signature.count(" ") < 1:
            # two issuing organs sign a joint document, one line each
            tail.signature = f"{line} {tail.signature}".strip()
            lines.pop()
            last = "signature"
            continue
        if _NEXT_STEPS.match(line):
            tail.next_steps.insert(0, line)
        elif _FORMULA.match(line):
            tail.formulas.insert(0, line)
        elif is_closing(line):
            tail.contact.insert(0, line)
        elif scope_status(line) and len(line) <= 200 and re.match(r"^(上述|以上|截至|截止|至此|目前|综上)", line):
            tail.statuses.insert(0, line)
        else:
            break
        last = ""
        lines.pop()
    return lines, tail
