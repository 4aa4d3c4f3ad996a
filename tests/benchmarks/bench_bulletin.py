"""Time a 1,000-problem bulletin beside a floor measured in the same run.

    python tests/benchmarks/bench_bulletin.py

Floor: docxtpl rendering the same paragraphs (one per printed line of the bulletin) from a
minimal template. Prints `bulletin_docx_1000: S floor: S ratio: R` (best of 3 each).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rectdesk.core.model import CampaignData, MeasureData, ProblemData
from rectdesk.exchange.bulletin_docx import bulletin_paragraphs, write_bulletin

PROBLEMS = 1000
RESULT = ("一是认真核查了2019年以来报销凭据，完善相关手续，对局系统公务卡结算报销进行规范，"
          "进一步明确了审批流程和责任分工")


def campaign() -> CampaignData:
    problems = [ProblemData(title=f"第{n}项资金费用使用、支出不规范", number=n,
                            measures=[MeasureData(text=RESULT, result=f"{RESULT}（{n}.{i}）。", number=i)
                                      for i in range(1, 4)])
                for n in range(1, PROBLEMS + 1)]
    return CampaignData(title="基准", issuing_organ="某某局党组", intro="引言。" * 20,
                        organisation="组织情况。" * 50, next_steps="下一步。" * 50,
                        signature="某某局党组", problems=problems)


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def docxtpl_floor(texts: list[str], folder: Path) -> Callable[[], object]:
    import docx
    from docxtpl import DocxTemplate

    template = folder / "minimal.docx"
    document = docx.Document()
    document.add_paragraph("{%p for t in texts %}")
    document.add_paragraph("{{ t }}")
    document.add_paragraph("{%p endfor %}")
    document.save(str(template))

    def render() -> None:
        tpl = DocxTemplate(str(template))
        tpl.render({"texts": texts})
        tpl.save(str(folder / "floor.docx"))

    return render


def main() -> None:
    data = campaign()
    texts = [p.text for p in bulletin_paragraphs(data)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = best_of(3, docxtpl_floor(texts, folder))
        ours = best_of(3, lambda: write_bulletin(data, folder / "bulletin.docx"))
    print(f"bulletin_docx_{PROBLEMS}: {ours:.3f} floor: {floor:.3f} ratio: {ours / floor:.2f}")


if __name__ == "__main__":
    main()
