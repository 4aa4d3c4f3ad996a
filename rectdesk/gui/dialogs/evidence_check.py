"""帮助 -> 检查台账 and 导出 -> 佐证材料包: both run off the GUI thread through run_task."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.tasks import run_task

if TYPE_CHECKING:
    from rectdesk.exchange.evidence_package import PackageReport
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.check import CheckReport
    from rectdesk.store.register import Register


class CheckDialog(QDialog):
    """The check report as text; a button prunes when there is something to prune."""

    def __init__(self, report: CheckReport, reg: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(QCoreApplication.translate("EvidenceCheck", "检查台账"))
        self.reg = reg
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFont("monospace"))
        self.prune_button = QPushButton(QCoreApplication.translate("EvidenceCheck", "清理多余文件"))
        self.prune_button.setObjectName("prune")
        self.prune_button.clicked.connect(self.prune)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.prune_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.verdict)
        box.addWidget(self.text)
        box.addWidget(buttons)
        self.resize(720, 420)
        self.show_report(report)

    def show_report(self, report: CheckReport) -> None:
        self.report = report
        if report.damaged:
            verdict = QCoreApplication.translate("EvidenceCheck", "发现损坏：缺失或被改动的佐证材料，请找回原件后在同一问题或措施下重新添加，即可修复（自动备份只含台账数据库，不含材料文件）。")
        elif report.orphans:
            verdict = QCoreApplication.translate("EvidenceCheck", "台账完好；有不被任何记录引用的多余文件，可以清理。")
        else:
            verdict = QCoreApplication.translate("EvidenceCheck", "台账完好，所有佐证材料文件与登记的校验值一致。")
        self.verdict.setText(verdict)
        self.text.setPlainText("\n".join(report.lines()))
        can_prune = bool(report.orphans or report.prunable) and not (
            report.database or report.foreign_keys)
        self.prune_button.setEnabled(can_prune)

    def prune(self) -> None:
        from rectdesk.store.check import check

        run_task(self, check, self.reg, prune=True, on_done=self.show_report,
                 busy=QCoreApplication.translate("EvidenceCheck", "正在清理…"))


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A non-blocking message box (open(), not exec()): long work reports without freezing tests
    or the window behind it."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("evidenceMessage")
    box.open()
    return box


def run_check(parent: QWidget, session: RegisterSession | None, *, full: bool = False) -> None:
    """Check the open register (and re-hash every evidence file) off the GUI thread."""
    from rectdesk.store.check import check

    if session is None:
        inform(parent, QCoreApplication.translate("EvidenceCheck", "检查台账"), QCoreApplication.translate("EvidenceCheck", "请先打开一个台账。"))
        return

    reg = session.reg

    def done(report: CheckReport) -> None:
        dialog = CheckDialog(report, reg, parent)
        parent.setProperty("lastCheckDialog", dialog)  # tests and the caller can find it
        dialog.show()

    run_task(parent, check, reg, full=full, on_done=done, cancellable=True,
             busy=QCoreApplication.translate("EvidenceCheck", "正在检查台账并校验佐证材料文件…"))


def _export(reg: Register, campaign_id: int, out: Path, cancelled: Any = None) -> PackageReport:
    from rectdesk.exchange.evidence_package import write_evidence_package
    from rectdesk.store.evidence import blob_path
    from rectdesk.store.queries import load_campaign

    data = load_campaign(reg, campaign_id)
    return write_evidence_package(data, lambda e: blob_path(reg.path, e.sha256), out,
                                  cancelled=cancelled)


def export_package(parent: QWidget, session: RegisterSession | None, campaign_id: int | None,
                   out: Path | None = None) -> None:
    """导出 -> 佐证材料包: ask where (unless `out` is given), then write the zip off the GUI thread."""
    if session is None or campaign_id is None:
        inform(parent, QCoreApplication.translate("EvidenceCheck", "导出佐证材料包"), QCoreApplication.translate("EvidenceCheck", "请先选择一个整改任务。"))
        return
    from rectdesk.store.evidence import campaign_has_evidence

    reg = session.reg
    if not campaign_has_evidence(reg, campaign_id):  # nothing to ask a file name for
        inform(parent, QCoreApplication.translate("EvidenceCheck", "导出佐证材料包"), QCoreApplication.translate(
            "EvidenceCheck", "该整改任务还没有佐证材料。请先在“佐证材料”页签添加文件。"))
        return
    if out is None:
        from rectdesk.store.queries import campaigns

        title = dict(campaigns(reg)).get(campaign_id, "")
        name, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("EvidenceCheck", "导出佐证材料包"), str(reg.path.parent / f"{title}佐证材料.zip"),
            QCoreApplication.translate("EvidenceCheck", "压缩包 (*.zip)"))
        if not name:
            return
        out = Path(name if name.lower().endswith(".zip") else name + ".zip")

    def done(report: PackageReport) -> None:
        inform(parent, QCoreApplication.translate("EvidenceCheck", "导出佐证材料包"), report.summary())

    run_task(parent, _export, reg, campaign_id, out, on_done=done, cancellable=True,
             busy=QCoreApplication.translate("EvidenceCheck", "正在导出佐证材料包…"))
