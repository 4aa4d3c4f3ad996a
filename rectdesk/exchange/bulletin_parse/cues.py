"""Words that tell a heading naming a problem (a shortfall) from one describing the work done."""

from __future__ import annotations

import re

from rectdesk.exchange.bulletin_parse.clauses import first_sentence

# Words that name a problem (a shortfall), as opposed to headings that describe the work done.
_SHORTFALL = re.compile(
    r"不(?!断|懈|忘|折不扣|移|仅|但|少于|低于|超过)|未(?!来)|没有|缺[失乏少位]|无(?!缝|私|畏)|偏[松软低高大少多离差紧宽]"
    r"|过[长多高大低快慢宽松重窄]|薄弱|滞后|欠缺|短板|差距|偏差|弱化|虚化|淡化|漏洞|隐患|违规|违反|违纪|超(标|期|限|负荷|范围|载|编|配)|闲置"
    r"|挪用|截留|有待|仍需|落后|乏力|形式主义|官僚主义|较大|较多|较低|较弱|较差|欠账|流于形式|缓慢|失[职责之]|混乱|随意"
    r"|模糊|老化|松散|涣散|倒置|盲区|堵塞|混接|递减|温差|宽松软|层层衰减|打折扣|走过场|一刀切|“?散乱污|难以|困难|风险")
_PROBLEM_WORDS = re.compile(r"问题(?!导向)|存在|反馈指出|巡[视察]组?(发现|指出)|审计(发现|指出)|督察(发现|指出)|方面|领域|^关于")
ACTION = re.compile(r"^(强化|压实|加强|健全|完善|坚持|提高|提升|抓好|狠抓|聚焦|突出|严格|注重|建立|扛起|扛牢|扛实|夯实"
                     r"|统筹|凝聚|以上率下|高位推动|从严|细化|坚决|切实|周密|精心|迅速|立行立改|深化|压紧|层层|主动|认真"
                     r"|全面|深入|高度重视|把握|推动|推进|加大|用好|做实|做细|抓实|统一|明确|成立|召开|制定|注重|紧盯"
                     r"|持续|巩固|进一步|不断|着力|扎实|精准|压茬|挂图|带头|示范|以案|举一反三|标本兼治|建章立制"
                     r"|党委|党组|区委|县委|市委|局党组|主要负责人|领导班子)")


def names_problem(heading: str) -> bool:
    """The heading's first sentence names a shortfall ("加强组织领导。对整改不力的…" does not, nor does
    "坚持问题导向，强化整改" or "聚焦突出问题抓整改": a heading led by an action needs a shortfall word)."""
    h = first_sentence(heading)
    if ACTION.match(h):
        return bool(_SHORTFALL.search(h))
    return bool(_SHORTFALL.search(h) or _PROBLEM_WORDS.search(h))
