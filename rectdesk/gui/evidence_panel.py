"""The evidence list (佐证材料) of the selected problem or measure, with a preview beneath.

Attach by the buttons or by dropping files and folders on the panel; copying and hashing run
off the GUI thread (session.run) with a progress dialog that can be cancelled. Every write goes
through the window's session (a store service of rectdesk.store.evidence, announced by the
session; undoable through gui/undo.py like the other edits).
Open shows a verified read-only temporary copy in the system viewer; images and PDFs are
previewed in the panel (QLabel/QPixmap, QtPdf).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import IntEnum
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.models.base import Column, RowTableModel
from rectdesk.gui.words import kind_word

if TYPE_CHECKING:
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.evidence import EvidenceRow
    from rectdesk.store.register import Register

PREVIEW_LIMIT = 64 << 20  # larger images are opened in the system viewer, not decoded here


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1 << 20:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1 << 20):.1f} MB"


class Col(IntEnum):
    TITLE = 0
    KIND = 1
    DOC_NUMBER = 2
    DOC_DATE = 3
    OWNER = 4
    FILE = 5
    SIZE = 6
    REVIEWED = 7
    ADDED = 8


def headers() -> tuple[str, ...]:
    return (QCoreApplication.translate("EvidencePanel", "标题"), QCoreApplication.translate("EvidencePanel", "类型"), QCoreApplication.translate("EvidencePanel", "文号"),
            QCoreApplication.translate("EvidencePanel", "成文日期"), QCoreApplication.translate("EvidencePanel", "所属"), QCoreApplication.translate("EvidencePanel", "文件名"),
            QCoreApplication.translate("EvidencePanel", "大小"), QCoreApplication.translate("EvidencePanel", "审核"), QCoreApplication.translate("EvidencePanel", "添加"))


def _added(row: EvidenceRow) -> str:
    return f"{row.added_by} {row.added_at:%Y-%m-%d %H:%M}" if row.added_at else row.added_by


def _iso(d: Any) -> str:
    return d.isoformat() if d else ""


class EvidenceModel(RowTableModel["EvidenceRow"]):
    """The evidence rows of one item (gui/models/base.py: columns declared once)."""

    columns = (
        Column("title", attrgetter("title")),
        Column("kind", lambda r: kind_word(r.kind)),
        Column("doc_number", attrgetter("doc_number")),
        Column("doc_date", lambda r: _iso(r.doc_date)),
        Column("owner", attrgetter("owner"), sort=attrgetter("sort_key")),
        Column("file", attrgetter("file_name")),
        Column("size", lambda r: human_size(r.size), sort=attrgetter("size"), align_right=True),
        Column("reviewed", lambda r: QCoreApplication.translate("EvidencePanel", "已审核") if r.reviewed else "",
               sort=lambda r: int(r.reviewed)),
        Column("added", _added, sort=lambda r: _iso(r.added_at)),
    )

    def headers(self) -> list[str]:
        return list(headers())

    def tooltip(self, row: EvidenceRow, column: int) -> str | None:
        return f"{row.file_name}\nSHA256：{row.sha256}" + (
            "\n" + QCoreApplication.translate("EvidencePanel", "审核意见：%1").replace(
                "%1", row.review_note) if row.review_note else "")


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    moved = Signal(int, int, str)


class EvidencePanel(QWidget):
    """The add-on's object (window.addon(EvidencePanel)). Reads the register given to
    set_context; writes through the session given to set_session (no session: read only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.setAcceptDrops(True)
        self.reg: Register | None = None
        self.session: RegisterSession | None = None  # the window's: every write goes through it
        self.problem_id: int | None = None
        self.measure_id: int | None = None
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # tests swap it
        self.last_opened: Path | None = None
        self._progress_dialog: QProgressDialog | None = None
        self._build()
        self._update_buttons()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.add_button = self._button(QCoreApplication.translate("EvidencePanel", "添加文件…"), self.choose_files, "addFiles")
        self.folder_button = self._button(QCoreApplication.translate("EvidencePanel", "添加文件夹…"), self.choose_folder,
                                          "addFolder")
        self.edit_button = self._button(QCoreApplication.translate("EvidencePanel", "编辑…"), self.edit_current, "edit")
        self.open_button = self._button(QCoreApplication.translate("EvidencePanel", "打开"), self.open_current, "open")
        self.remove_button = self._button(QCoreApplication.translate("EvidencePanel", "删除"), self.remove_current, "remove")
        # Two rows: in one, the buttons made the tab wider than the detail panel at 1366x768.
        bar = QGridLayout()
        for i, b in enumerate((self.add_button, self.folder_button)):
            bar.addWidget(b, 0, i)
        for i, b in enumerate((self.edit_button, self.open_button, self.remove_button)):
            bar.addWidget(b, 1, i)
        bar.setColumnStretch(3, 1)
        self.model = EvidenceModel(self)
        self.view = QTableView()
        self.view.setObjectName("evidenceTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        em = self.view.fontMetrics().horizontalAdvance("中")
        for col, width in zip(Col, (14, 5, 9, 7, 5, 12, 5, 4, 10), strict=True):
            self.view.setColumnWidth(col, width * em)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        self.view.doubleClicked.connect(lambda _i: self.open_current())
        self.preview = _Preview()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.preview)
        split.setSizes([220, 260])
        box = QVBoxLayout(self)
        box.addWidget(self.caption)
        box.addLayout(bar)
        box.addWidget(split, 1)
        box.addWidget(self.status)

    def _button(self, text: str, slot: Callable[[], Any], name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- what is shown -------------------------------------------------------------------------
    def set_context(self, reg: Register | None, problem_id: int | None,
                    measure_id: int | None = None) -> None:
        """Show the evidence of a measure (when given) or of a problem and its measures."""
        self.reg, self.problem_id, self.measure_id = reg, problem_id, measure_id
        self.status.clear()
        self.refresh()

    def set_session(self, session: RegisterSession | None) -> None:
        """Writes go through the session (undoable, announced); its changes refresh the list."""
        if session is self.session:
            return
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._session_changed)
        self._update_buttons()

    def _session_changed(self, _changes: Any) -> None:
        if self.reg is not None and self.session is not None and self.reg is self.session.reg:
            self.refresh()

    def _writable(self) -> bool:
        return self.session is not None and self.reg is self.session.reg

    def refresh(self, select_id: int | None = None) -> None:
        from rectdesk.store.evidence import list_evidence

        keep = select_id if select_id is not None else self._current_id()
        from rectdesk.core.errors import NotFound

        rows: list[EvidenceRow] = []
        if self.reg is not None and self._owner():
            try:
                rows = list_evidence(self.reg, problem_id=self.problem_id if self.measure_id is None
                                     else None, measure_id=self.measure_id)
            except NotFound:  # its item was just deleted: the window selects another next
                self.problem_id = self.measure_id = None
        self.model.set_rows(rows)
        self.caption.setText(self._caption(rows))
        ids = [r.id for r in rows]
        if keep in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(keep), 0))
        self._current_changed()

    def _owner(self) -> dict[str, int]:
        if self.measure_id is not None:
            return {"measure_id": self.measure_id}
        if self.problem_id is not None:
            return {"problem_id": self.problem_id}
        return {}

    def _caption(self, rows: list[EvidenceRow]) -> str:
        if not self._owner():
            return QCoreApplication.translate("EvidencePanel", "请选择一个问题或整改措施；可将文件或文件夹拖放到这里添加佐证材料。")
        scope = QCoreApplication.translate("EvidencePanel", "本措施") if self.measure_id is not None else QCoreApplication.translate("EvidencePanel", "本问题及其措施")
        return QCoreApplication.translate("EvidencePanel", "%1共有佐证材料 %2 份（可拖放文件或文件夹到此处添加）").replace(
            "%1", scope).replace("%2", str(len(rows)))

    def current_row(self) -> EvidenceRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row else None

    def _current_changed(self) -> None:
        row = self.current_row()
        self.preview.show_row(self.reg, row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_owner = self._writable() and bool(self._owner())
        has_row = self.current_row() is not None
        self.add_button.setEnabled(has_owner)
        self.folder_button.setEnabled(has_owner)
        self.open_button.setEnabled(has_row)
        for b in (self.edit_button, self.remove_button):
            b.setEnabled(has_row and self._writable())

    # -- attaching -----------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, QCoreApplication.translate("EvidencePanel", "选择佐证材料文件"))
        if names:
            self.attach([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("EvidencePanel", "选择包含佐证材料的文件夹"))
        if name:
            self.attach([Path(name)])

    def attach(self, paths: list[Path]) -> None:
        """Store and attach `paths` (files or folders) off the GUI thread, with progress."""
        from rectdesk.store.evidence import attach_files

        if self.session is None or not self._writable() or not self._owner():
            self.status.setText(QCoreApplication.translate("EvidencePanel", "请先选择一个问题或整改措施。"))
            return
        cancel = threading.Event()
        bridge = _Progress(self)
        dialog = QProgressDialog(QCoreApplication.translate("EvidencePanel", "正在添加佐证材料…"), QCoreApplication.translate("EvidencePanel", "取消"), 0, 1000, self)
        dialog.setWindowTitle(QCoreApplication.translate("EvidencePanel", "添加佐证材料"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(cancel.set)
        bridge.moved.connect(lambda done, total, name: self._moved(dialog, done, total, name))
        self._progress_dialog = dialog

        def finish() -> None:
            self._progress_dialog = None
            dialog.reset()
            dialog.deleteLater()
            bridge.deleteLater()

        def done(result: Any) -> None:
            finish()
            self._attached(result)

        def failed(exc: BaseException) -> None:
            finish()
            self._attach_failed(exc)

        owner: dict[str, Any] = dict(self._owner())
        self.session.run(self, attach_files, paths, progress=bridge.moved.emit,
                         cancelled=cancel.is_set, on_done=done, on_error=failed, **owner)

    @staticmethod
    def _moved(dialog: QProgressDialog, done: int, total: int, name: str) -> None:
        dialog.setValue(int(1000 * done / total) if total else 0)
        dialog.setLabelText(QCoreApplication.translate("EvidencePanel", "正在添加：%1").replace("%1", name))

    def _attached(self, result: Any) -> None:
        """After session.run announced the attach: the undo command, the list, a message."""
        from rectdesk.gui import undo

        added = getattr(result, "added", ())
        skipped = getattr(result, "skipped", ())
        message = QCoreApplication.translate("EvidencePanel", "已添加 %1 份佐证材料。").replace("%1", str(len(added)))
        if skipped:
            message += QCoreApplication.translate("EvidencePanel", "已存在，未重复添加：%1").replace("%1", "、".join(skipped))
        self.status.setText(message)
        if self.session is not None and added:
            undo.attached_evidence(self.session, tuple(added),
                                   QCoreApplication.translate("EvidencePanel", "添加佐证材料"))
        self.refresh(select_id=added[-1] if added else None)

    def _attach_failed(self, exc: BaseException) -> None:
        from rectdesk.store.evidence import AttachCancelled

        if isinstance(exc, AttachCancelled):
            self.status.setText(QCoreApplication.translate("EvidencePanel", "已取消，未添加任何佐证材料。"))
            return
        from rectdesk.gui.errors import show_error

        show_error(self, exc, QCoreApplication.translate("EvidencePanel", "无法添加佐证材料"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._local_paths(event.mimeData()) and self._owner():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # Leave the drop handler first: the drag source (a file manager) waits for it.
            QTimer.singleShot(0, lambda: self.attach(paths))

    @staticmethod
    def _local_paths(mime: Any) -> list[Path]:
        if not mime.hasUrls():
            return []
        urls = mime.urls()
        if not all(u.isLocalFile() for u in urls):
            return []
        return [Path(u.toLocalFile()) for u in urls]

    # -- editing, opening, removing -------------------------------------------------------------
    def edit_current(self) -> Any:
        from rectdesk.gui import undo
        from rectdesk.gui.dialogs.evidence_edit import EvidenceEditDialog

        row, session = self.current_row(), self.session
        if row is None or session is None or not self._writable():
            return None

        def save(**fields: Any) -> None:
            old = {k: getattr(row, k) for k in fields}
            undo.edit_evidence(session, row.id, old, fields,
                               QCoreApplication.translate("EvidencePanel", "编辑佐证材料"))

        dialog = EvidenceEditDialog(row, save, self)
        dialog.accepted.connect(lambda: self.refresh(select_id=row.id))
        dialog.open()
        return dialog

    def open_current(self) -> None:
        from rectdesk.store.evidence import open_copy

        row = self.current_row()
        if row is None or self.reg is None:
            return
        try:
            path = open_copy(self.reg, row.id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            from rectdesk.gui.errors import show_error

            show_error(self, exc, QCoreApplication.translate("EvidencePanel", "无法打开佐证材料"))
            return
        self.last_opened = path
        if not self.open_url(QUrl.fromLocalFile(str(path))):
            self.status.setText(QCoreApplication.translate("EvidencePanel", "系统中没有可以打开此类文件的程序：%1").replace("%1", str(path)))

    def remove_current(self) -> None:
        from rectdesk.gui import undo

        row, session = self.current_row(), self.session
        if row is None or session is None or not self._writable():
            return
        question = QCoreApplication.translate("EvidencePanel", "删除佐证材料“%1”？文件仍保留在材料库中，直到“检查台账”清理。").replace(
            "%1", row.title)
        if not self.confirm(question):
            return
        undo.remove_evidence(session, row.id, QCoreApplication.translate("EvidencePanel", "删除佐证材料"))
        self.status.setText(QCoreApplication.translate("EvidencePanel", "已删除：%1").replace("%1", row.title))
        self.refresh()

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, QCoreApplication.translate("EvidencePanel", "删除佐证材料"), question)
        return answer == QMessageBox.StandardButton.Yes


class _Preview(QStackedWidget):
    """Images in a scroll area, PDFs in QPdfView (one page at a time, scrollable), or a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePreview")
        self.note = QLabel()
        self.note.setObjectName("previewNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.image = QLabel()  # the picture scaled to fit, redone on every resize
        self.image.setObjectName("previewImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(1, 1)
        self.pdf_view: Any = None
        self.pdf_doc: Any = None
        self.addWidget(self.note)
        self.addWidget(self.image)
        self.kind = "none"
        self._pixmap = QPixmap()
        self.show_row(None, None)

    def show_row(self, reg: Register | None, row: EvidenceRow | None) -> None:
        from rectdesk.store.evidence import blob_path

        if reg is None or row is None:
            return self._note(QCoreApplication.translate("EvidencePanel", "选择一份材料即可在此预览图片和 PDF"))
        path = blob_path(reg.path, row.sha256)
        if not path.exists():
            return self._note(QCoreApplication.translate("EvidencePanel", "文件缺失，请运行“帮助 → 检查台账”"))
        if row.media_type.startswith("image/") and row.size <= PREVIEW_LIMIT:
            return self._show_image(path)
        if row.media_type == "application/pdf":
            return self._show_pdf(path)
        return self._note(QCoreApplication.translate("EvidencePanel", "此类文件不能预览，请点击“打开”用系统程序查看"))

    def _note(self, text: str) -> None:
        self.kind = "none"
        self.note.setText(text)
        self.setCurrentWidget(self.note)

    def _show_image(self, path: Path) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(path.read_bytes()):
            return self._note(QCoreApplication.translate("EvidencePanel", "无法识别的图片格式，请点击“打开”用系统程序查看"))
        self._pixmap = pixmap
        self.kind = "image"
        self.setCurrentWidget(self.image)
        self._fit_image()

    def _fit_image(self) -> None:
        if self._pixmap.isNull():
            return
        size = self.size()
        if self._pixmap.width() > size.width() or self._pixmap.height() > size.height():
            scaled = self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(scaled)
        else:
            self.image.setPixmap(self._pixmap)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.kind == "image":
            self._fit_image()

    def _show_pdf(self, path: Path) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        if self.pdf_view is None:
            self.pdf_doc = QPdfDocument(self)
            self.pdf_view = QPdfView(self)
            self.pdf_view.setObjectName("previewPdf")
            self.pdf_view.setDocument(self.pdf_doc)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.addWidget(self.pdf_view)
        self.pdf_doc.close()
        if self.pdf_doc.load(str(path)) != QPdfDocument.Error.None_:
            return self._note(QCoreApplication.translate("EvidencePanel", "无法读取此 PDF，请点击“打开”用系统程序查看"))
        self.kind = "pdf"
        self.setCurrentWidget(self.pdf_view)


def install(host: AddonHost) -> EvidencePanel:
    """The 佐证材料 tab of the detail panel, 导出 -> 佐证材料包 and 帮助 -> 检查台账."""
    from rectdesk.gui.dialogs.evidence_check import export_package, run_check

    panel = EvidencePanel()
    host.add_detail_tab(panel, QCoreApplication.translate("EvidencePanel", "佐证材料"))

    def register() -> Register | None:
        return host.session.reg if host.session is not None else None

    host.add_action("evidence_package", QCoreApplication.translate("EvidencePanel", "佐证材料包…"),
                    lambda: export_package(host.window(), host.session, host.current_campaign_id()))
    host.add_action("check_register", QCoreApplication.translate("EvidencePanel", "检查台账…"),
                    lambda: run_check(host.window(), host.session))

    def follow() -> None:
        panel.set_session(host.session)
        panel.set_context(register(), host.current_problem_id(), host.current_measure_id())

    # After the window has updated its own idea of the selection. `panel` as the context: the
    # call is dropped if the window (and so the panel) is deleted first, e.g. by the language
    # switch rebuilding it.
    host.on_current_changed(lambda: QTimer.singleShot(0, panel, follow))
    follow()
    return panel
