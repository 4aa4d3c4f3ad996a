"""A stand-in for the person at the keyboard, for tests that drive the real main window.

It answers what the window asks the way a clerk would: file dialogs with prepared files of the
kind they ask for (by the filter's extensions), questions with Yes, every modal or window-modal
dialog filled with valid values and accepted once. Error boxes (QMessageBox.critical, which
gui.errors.show_error uses) are recorded, so a test can fail on any of them.

Only Qt's static helpers and QDialog.exec are replaced: the window's own code, menus and
dialogs run as they do for a user.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
    QWizard,
)

from rectdesk.gui import tasks  # noqa: E402

Handler = Callable[[QDialog], None]


@dataclass
class Driver:
    files: dict[str, list[Path]]  # extension ("docx", "xlsx", "*" ...) -> files to offer
    out_dir: Path  # where save dialogs and folder choices point
    folder: Path | None = None  # answered to getExistingDirectory when opening (evidence)
    by_caption: dict[str, list[Path]] = field(default_factory=dict)  # caption word -> files
    errors: list[str] = field(default_factory=list)  # texts of error boxes
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # class names of the dialogs handled
    saved: list[Path] = field(default_factory=list)  # paths given to save dialogs
    handlers: dict[str, Handler] = field(default_factory=lambda: dict(HANDLERS))  # class name -> filler
    text_answers: list[str] = field(default_factory=list)  # for QInputDialog, in order
    _handled: set[int] = field(default_factory=set)
    _count: int = 0

    # -- installing ---------------------------------------------------------------------------
    def install(self, monkeypatch: Any) -> Driver:
        d = self
        # Dialogs an earlier test left behind are not this test's to answer.
        self._handled |= {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)}
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(d.open_files(a, k)[0]), "")))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            staticmethod(lambda *a, **k: ([str(p) for p in d.open_files(a, k)], "")))
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(d.save_file(a, k)), "")))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                            staticmethod(lambda *a, **k: str(d.choose_folder(a))))
        monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: d._box(d.errors, a)))
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: d._box(d.warnings, a)))
        monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: d._box(d.infos, a)))
        monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: d._box(d.infos, a)))
        monkeypatch.setattr(QMessageBox, "question",
                            staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (d._text(), True)))
        monkeypatch.setattr(QInputDialog, "getMultiLineText",
                            staticmethod(lambda *a, **k: (d._text(), True)))
        monkeypatch.setattr(QInputDialog, "getItem",
                            staticmethod(lambda *a, **k: (a[3][k.get("current", 0)] if len(a) > 3 else "", True)))
        for cls in (QDialog, QMessageBox):
            monkeypatch.setattr(cls, "exec", lambda self: d._exec(self))
        from PySide6.QtPrintSupport import QPrintDialog

        monkeypatch.setattr(QPrintDialog, "exec", lambda self: d._exec(self))
        return self

    # -- answers --------------------------------------------------------------------------------
    def _box(self, into: list[str], args: tuple[Any, ...]) -> QMessageBox.StandardButton:
        into.append(" | ".join(str(a) for a in args[1:3]))
        return QMessageBox.StandardButton.Ok

    def _text(self) -> str:
        return self.text_answers.pop(0) if self.text_answers else "测试输入的内容"

    def open_files(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Path]:
        caption = str(args[1]) if len(args) > 1 else str(kwargs.get("caption", ""))
        for word, files in self.by_caption.items():
            if word in caption:
                return files
        filter_text = _filter(args, kwargs, 3)
        for ext in re.findall(r"\*\.(\w+)", filter_text or ""):
            if self.files.get(ext.lower()):
                return self.files[ext.lower()]
        if self.files.get("*"):
            return self.files["*"]
        raise AssertionError(f"no prepared file for the filter {filter_text!r}")

    def save_file(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Path:
        suggested = str(args[2] if len(args) > 2 else kwargs.get("dir", "")) or "导出"
        exts = re.findall(r"\*\.(\w+)", _filter(args, kwargs, 3))
        name = Path(suggested).name or "导出"
        if exts and not name.lower().endswith("." + exts[0].lower()):
            name = f"{Path(name).stem or '导出'}.{exts[0]}"
        self._count += 1
        path = self.out_dir / f"{self._count:02d}-{name}"
        self.saved.append(path)
        return path

    def choose_folder(self, args: tuple[Any, ...]) -> Path:
        caption = str(args[1]) if len(args) > 1 else ""
        if self.folder is not None and ("佐证" in caption or "evidence" in caption.lower()):
            return self.folder
        self._count += 1
        target = self.out_dir / f"{self._count:02d}-folder"
        target.mkdir(parents=True, exist_ok=True)
        return target

    # -- dialogs --------------------------------------------------------------------------------
    def _exec(self, dialog: QDialog) -> int:
        dialog.show()
        QCoreApplication.processEvents()
        self.handle(dialog)
        if dialog.isVisible():
            dialog.reject()
        return int(dialog.result())

    def handle(self, dialog: QDialog) -> None:
        """Fill and accept `dialog` once (a handler by class name, else its OK button)."""
        if id(dialog) in self._handled:
            return
        self._handled.add(id(dialog))
        name = type(dialog).__name__
        self.seen.append(name)
        if isinstance(dialog, QMessageBox):
            text = dialog.text()
            (self.errors if dialog.icon() == QMessageBox.Icon.Critical else self.infos).append(text)
            button = dialog.defaultButton() or (dialog.buttons() or [None])[0]
            if button is not None:
                button.click()
            else:
                dialog.accept()
            return
        handler = self.handlers.get(name)
        if handler is not None:
            handler(dialog)
        elif isinstance(dialog, QWizard):
            finish_wizard(dialog)
        else:
            click_ok(dialog)

    def settle(self, rounds: int = 40) -> None:
        """Let the background tasks finish and handle every dialog the last action left open
        (window-modal ones use open()), until nothing is left."""
        for _ in range(rounds):
            wait_for_tasks()
            pending = [w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QDialog) and not isinstance(w, QProgressDialog)
                       and w.isVisible() and id(w) not in self._handled]
            if not pending and not tasks.pending():
                return
            for dialog in pending:
                self.handle(dialog)
        close_dialogs()


def wait_for_tasks(timeout_ms: int = 60_000) -> None:
    """Tasks run on QThreadPool as for a user; their results arrive by queued signals, and a
    result may start the next task (a restore asked again): wait until none is left."""
    for _ in range(20):
        QCoreApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(timeout_ms)
        QCoreApplication.processEvents()
        if not tasks.pending():
            return


def _filter(args: tuple[Any, ...], kwargs: dict[str, Any], i: int) -> str:
    return str(args[i]) if len(args) > i else str(kwargs.get("filter", ""))


def click_ok(dialog: QDialog) -> None:
    """Press the dialog's accepting button (OK, Save, Yes, or the button box's accept role)."""
    for box in dialog.findChildren(QDialogButtonBox):
        for role in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
                     QDialogButtonBox.ButtonRole.ApplyRole):
            for button in box.buttons():
                if box.buttonRole(button) == role and button.isEnabled() and button.isVisible():
                    button.click()
                    return
    dialog.reject()  # nothing to accept with (a disabled OK): the user can only close it


def finish_wizard(wizard: QWizard) -> None:
    for _ in range(10):
        QCoreApplication.processEvents()
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        if finish.isVisible() and finish.isEnabled():
            finish.click()
            return
        nxt = wizard.button(QWizard.WizardButton.NextButton)
        if not (nxt.isVisible() and nxt.isEnabled()):
            break
        nxt.click()
    wizard.reject()


def close_dialogs() -> None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog) and w.isVisible():
            w.reject()


def button(parent: QWidget, text: str) -> QAbstractButton:
    found = [b for b in parent.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert found, [b.text() for b in parent.findChildren(QAbstractButton)]
    return found[0]


# -- filling the dialogs ---------------------------------------------------------------------------
def _signoff(dialog: QDialog) -> None:
    dialog.approver_edit.setText("王局长")
    dialog.opinion_edit.setPlainText("整改到位，同意销号")
    click_ok(dialog)


def _recheck(dialog: QDialog) -> None:
    click_ok(dialog)


def _extension(dialog: QDialog) -> None:
    if dialog.request_box.isEnabled():
        dialog.new_date_edit.setDate(dialog.new_date_edit.date().addMonths(2))
        dialog.reason_edit.setText("汛期施工受限")
        dialog.requested_by_edit.setText("水生态环境处")
        dialog.request_button.click()
    if dialog.decide_box.isEnabled():
        dialog.decided_by_edit.setText("王局长")
        dialog.approve_button.click()
    dialog.reject()


def _import_preview(dialog: QDialog) -> None:
    button(dialog, "选择文件…").click()
    wait_for_tasks()  # the document is read off the GUI thread
    click_ok(dialog)


def _connect_server(dialog: QDialog) -> None:
    """Cancelled: connecting needs a server of its own (tests/store covers PostgreSQL)."""
    dialog.reject()


def _export(dialog: QDialog) -> None:
    """Export dialogs: 导出 once (the save dialog is answered), then close."""
    dialog.export_button.click()
    wait_for_tasks()
    dialog.reject()


def _forms_import(dialog: QDialog) -> None:
    dialog.choose_button.click()
    wait_for_tasks()
    if dialog.apply_button.isEnabled():
        dialog.apply_button.click()
        wait_for_tasks()
    if dialog.isVisible():
        dialog.reject()


HANDLERS = {
    "BulletinExportDialog": _export,
    "LedgerExportDialog": _export,
    "FormsExportDialog": _export,
    "WeeklyReportDialog": _export,
    "FormsImportDialog": _forms_import,
    "ConnectServerDialog": _connect_server,
    "SignoffDialog": _signoff,
    "RecheckDialog": _recheck,
    "ExtensionDialog": _extension,
    "ImportPreviewDialog": _import_preview,
}
