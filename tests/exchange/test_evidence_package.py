"""The evidence package: folders, names, index workbook, manifest; Windows-safe names."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectdesk.core.errors import RectDeskError
from rectdesk.core.model import CampaignData, EvidenceData, EvidenceKind, MeasureData, ProblemData
from rectdesk.exchange.evidence_package import (
    INDEX_NAME,
    MAX_PATH,
    SUMS_NAME,
    plan_entries,
    write_evidence_package,
)
from rectdesk.exchange.safe_names import (
    RESERVED,
    UniqueNames,
    safe_component,
    safe_file_name,
    utf16_len,
)

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


class Blobs:
    """Evidence files by hash, as the store would hand them out."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def add(self, data: bytes, title: str, file_name: str, **kw) -> EvidenceData:
        sha = hashlib.sha256(data).hexdigest()
        (self.folder / sha).write_bytes(data)
        return EvidenceData(title=title, file_name=file_name, sha256=sha, size=len(data), **kw)

    def path(self, ev: EvidenceData) -> Path:
        return self.folder / ev.sha256


@pytest.fixture
def blobs(tmp_path: Path) -> Blobs:
    folder = tmp_path / "blobs"
    folder.mkdir()
    return Blobs(folder)


def _campaign(blobs: Blobs) -> CampaignData:
    p7 = ProblemData(title="市控入江支流治理成效不明显", number=7, measures=[
        MeasureData(text="一是", number=1, evidence=[
            blobs.add(b"%PDF-1.4 plan", "关于印发<河长制>工作方案的通知", "方案.PDF",
                      kind=EvidenceKind.NOTICE, doc_number="宁环〔2020〕12号",
                      doc_date=date(2020, 3, 5))]),
        MeasureData(text="二是", number=2, evidence=[
            blobs.add(b"\xff\xd8\xff photo", "现场照片", "IMG_0001.JPG", kind=EvidenceKind.PHOTO),
            blobs.add(b"\xff\xd8\xff photo2", "现场照片", "IMG_0002.jpg", kind=EvidenceKind.PHOTO)]),
    ], evidence=[blobs.add(b"=1+2 ledger", "=SUM(A1)", "台账.xlsx", kind=EvidenceKind.LEDGER)])
    p1 = ProblemData(title="对派出机构管理还有缺失", number=1, measures=[MeasureData(text="x", number=1)])
    return CampaignData(title="市委第五巡察组巡察反馈意见整改", problems=[p1, p7])


def _unzip(path: Path, into: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        for info in zf.infolist():  # Chinese names carry the UTF-8 flag (ASCII ones need none)
            assert info.filename.isascii() or info.flag_bits & 0x800, info.filename
        zf.extractall(into)
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_package_layout_index_and_manifest(blobs, tmp_path):
    campaign = _campaign(blobs)
    out = tmp_path / "佐证材料.zip"
    report = write_evidence_package(campaign, blobs.path, out)
    files = _unzip(out, tmp_path / "x")
    folder = "07 市控入江支流治理成效不明显"
    assert sorted(files) == sorted([
        f"{folder}/01-=SUM(A1).xlsx", f"{folder}/02-关于印发＜河长制＞工作方案的通知.pdf",
        f"{folder}/03-现场照片.jpg", f"{folder}/04-现场照片.jpg", INDEX_NAME, SUMS_NAME])
    # No folder for a problem without evidence.
    assert not any(name.startswith("01 ") for name in files)
    assert files[f"{folder}/03-现场照片.jpg"] == b"\xff\xd8\xff photo"
    # The manifest names every file and each hash matches the unzipped bytes.
    sums = files[SUMS_NAME].decode("utf-8").splitlines()
    assert len(sums) == 5
    for line in sums:
        sha, name = line.split("  ", 1)
        assert hashlib.sha256((tmp_path / "x" / name).read_bytes()).hexdigest() == sha
    assert "4 份" in report.summary() and len(report.entries) == 4


def test_index_workbook_lists_every_file(blobs, tmp_path):
    import openpyxl

    out = tmp_path / "p.zip"
    write_evidence_package(_campaign(blobs), blobs.path, out)
    _unzip(out, tmp_path / "x")
    ws = openpyxl.load_workbook(tmp_path / "x" / INDEX_NAME).active
    assert ws.title == "佐证材料目录"
    assert ws["A1"].value == "市委第五巡察组巡察反馈意见整改佐证材料目录"
    assert [c.value for c in ws[2]] == ["序号", "问题", "措施", "材料标题", "类型", "文号", "成文日期",
                                        "文件", "大小", "SHA256"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    first, plan = rows[0], rows[1]
    assert first[1:5] == ["7 市控入江支流治理成效不明显", "", "=SUM(A1)", "台账"]  # text, no formula
    assert plan[2] == "7.1" and plan[5] == "宁环〔2020〕12号" and plan[6] == "2020年3月5日"
    assert plan[7] == "07 市控入江支流治理成效不明显/02-关于印发＜河长制＞工作方案的通知.pdf"
    assert plan[9] == hashlib.sha256(b"%PDF-1.4 plan").hexdigest()
    assert ws.print_title_rows == "$2:$2"  # the header row repeats on every printed page
    assert ws.page_setup.orientation == "landscape" and ws.freeze_panes == "A3"


def test_altered_or_missing_file_stops_the_export_and_keeps_the_old_package(blobs, tmp_path):
    campaign = _campaign(blobs)
    out = tmp_path / "p.zip"
    out.write_bytes(b"previous package")
    ev = campaign.problems[1].measures[1].evidence[0]
    blobs.path(ev).write_bytes(b"edited afterwards")
    with pytest.raises(RectDeskError, match="已被改动") as err:
        write_evidence_package(campaign, blobs.path, out)
    assert "IMG_0001.JPG" in str(err.value)
    blobs.path(ev).unlink()
    with pytest.raises(RectDeskError, match="缺失"):
        write_evidence_package(campaign, blobs.path, out)
    assert out.read_bytes() == b"previous package"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_no_evidence_is_a_clear_error(tmp_path):
    with pytest.raises(RectDeskError, match="还没有佐证材料"):
        write_evidence_package(CampaignData(title="x"), Path, tmp_path / "p.zip")


def test_unsafe_and_very_long_names_become_safe(blobs, tmp_path):
    long_title = "关于进一步加强和规范全市生态环境系统派出机构日常管理工作的若干意见" * 5
    evs = [blobs.add(b"1", "CON", "con.txt"), blobs.add(b"2", "aux.", "AUX.TXT"),
           blobs.add(b"3", 'a<b>c:d"e/f\\g|h?i*j. . ', "x.doc"),
           blobs.add(b"4", long_title, "y.docx"), blobs.add(b"5", long_title, "y.docx"),
           blobs.add(b"6", "\u202egpj.exe", "z.exe"), blobs.add(b"7", "无扩展名", "README")]
    problem = ProblemData(title="问题：标题/含有*特殊?字符 " * 6, number=12, evidence=evs)
    entries = plan_entries(CampaignData(title="c", problems=[problem]))
    names = [e.path for e in entries]
    assert len(set(n.casefold() for n in names)) == len(names)
    for path in names:
        assert utf16_len(path) <= MAX_PATH
        for part in path.split("/"):
            assert len(part.encode("utf-8")) <= 255, part  # ext4 limit
            assert not set(part) & WINDOWS_FORBIDDEN, part
            assert part == part.rstrip(". "), part
            assert part.split(".")[0].upper() not in RESERVED, part
    files = [n.split("/", 1)[1] for n in names]
    assert files[0] == "1-CON.txt" or files[0].startswith("01-CON")
    assert files[2] == "03-a＜b＞c：d＂e／f＼g｜h？i＊j.doc"
    assert "\u202e" not in files[5] and files[5].endswith(".exe")
    assert files[6] == "07-无扩展名"
    assert names[0].split("/")[0].startswith("12 问题：标题／含有＊特殊？字符")
    write_evidence_package(CampaignData(title="c", problems=[problem]), blobs.path, tmp_path / "p.zip")
    assert len(_unzip(tmp_path / "p.zip", tmp_path / "x")) == len(evs) + 2


def test_reserved_device_names_are_prefixed():
    assert safe_component("CON") == "_CON"
    assert safe_component("nul.tar") == "_nul.tar"
    assert safe_component("COM1 ") == "_COM1"
    assert safe_component("LPT¹") == "_LPT¹"
    assert safe_component("CONSOLE") == "CONSOLE"
    assert safe_file_name("prn", ".txt") == "_prn.txt"
    assert safe_component(" ... ") == "未命名"


def test_duplicates_are_numbered_case_insensitively():
    names = UniqueNames(20)
    assert [names.name(n) for n in ("照片.jpg", "照片.JPG", "照片.jpg", "a" * 20)] == [
        "照片.jpg", "照片 (2).jpg", "照片 (3).jpg", "a" * 20]
    assert names.name("A" * 20) == "A" * 16 + " (2)"


@given(st.text(min_size=0, max_size=300), st.integers(min_value=8, max_value=120))
def test_any_text_gives_a_safe_bounded_name(text, limit):
    name = safe_file_name(text, ".pdf", limit)
    assert utf16_len(name) <= limit and name.endswith(".pdf")
    assert len(name.encode("utf-8")) <= 255
    stem = name[:-4]
    assert stem and not set(stem) & WINDOWS_FORBIDDEN and stem == stem.rstrip(". ")
    assert stem.split(".")[0].rstrip(" ").upper() not in RESERVED
