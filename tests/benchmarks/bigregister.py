"""A large synthetic register for the GUI benchmarks: N problems with 3 measures each."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

WORDS = ("扬尘 治理 环境 监管 问题 整改 落实 制度 建设 责任 部门 督查 排污 许可 执法 检查 推进 完成 "
         "长期 坚持 工地 道路 水质 监测 数据 报告 会议 学习 党组 纪律 机关 作风 廉政 风险 防控 "
         "预算 资金 审批 项目 采购 档案 培训 干部 考核 信访 群众 投诉 固废 危废 噪声").split()
DEPTS = [f"{n}处" for n in "办公室 人事 财务 法规 监测 执法 规划 水 大气 土壤 宣教 信息".split()]
LEADERS = [f"{a}{b}" for a in "王李张刘陈杨赵黄周吴" for b in ("局长", "副局长", "主任")]
STATUSES = ("未启动", "正在推进", "已完成", "长期坚持")


def _sentence(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n)) + "。"


def build(path: Path, problems: int, seed: int = 7) -> Path:
    """Write the register at `path` through the import service (one transaction)."""
    from rectdesk.core.model import (
        CampaignData,
        Deadline,
        MeasureData,
        MeasureStatus,
        ProblemData,
        ProgressData,
    )
    from rectdesk.store import services
    from rectdesk.store.register import Register

    rng = random.Random(seed)
    data = CampaignData(title="基准测试整改任务", categories=[f"第{i}方面" for i in range(1, 9)])
    start = date(2024, 1, 1)
    for i in range(1, problems + 1):
        p = ProblemData(title=_sentence(rng, 6), description=_sentence(rng, 40),
                        category=rng.choice(data.categories), number=i)
        for _ in range(3):
            status = MeasureStatus(rng.choice(STATUSES))
            due = start + timedelta(days=rng.randint(0, 900))
            m = MeasureData(text=_sentence(rng, 30), leaders=[rng.choice(LEADERS)],
                            lead_department=rng.choice(DEPTS), cooperating=rng.sample(DEPTS, 2),
                            deadline=Deadline(f"{due.year}年{due.month}月{due.day}日", due),
                            status=status)
            m.progress.append(ProgressData(when=due - timedelta(days=30), text=_sentence(rng, 15)))
            p.measures.append(m)
        data.problems.append(p)
    path.unlink(missing_ok=True)
    with Register.open(path, operator="基准") as reg:
        services.import_campaign(reg, data, source="benchmark")
    return path


if __name__ == "__main__":
    import sys
    import time

    t = time.perf_counter()
    build(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"built in {time.perf_counter() - t:.1f} s")
