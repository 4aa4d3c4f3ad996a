"""导入 -> 通报/方案/反馈意见: parse a file or pasted text, correct the result, then write it once.

    ImportPreviewDialog(session, kind="通报", parent=window).open()
    open_import(host, "通报")      # what the main window's 导入 menu does

The preview is a tree (category -> problem -> measure) in a QStandardItemModel rebuilt from the
CampaignData being edited; inferred statuses and the owners found are highlighted. Merge, split,
re-level and "not an item" are plain functions in exchange.bulletin_parse.edits; nothing is
written until 导入, which runs store.services.import_campaign (one transaction) through
session.run, so the window hears of the changes as after any other write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui import palette
from rectdesk.gui.tasks import run_task
from rectdesk.gui.words import field_label

if TYPE_CHECKING:
    from rectdesk.core.model import CampaignData
    from rectdesk.exchange.bulletin_import import ImportReport
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession

KINDS = ("通报", "方案", "反馈意见")
COL_TEXT, COL_STATUS, COL_LEAD, COL_LEADERS, COL_DEADLINE = range(5)
KindRole = Qt.ItemDataRole.UserRole + 1  # ("category", name) / ("problem", p) / ("measure", p, m)
INFERRED = palette.qcolor(palette.ATTENTION_TINT)  # a status read from words: check it
FOUND = palette.qcolor(palette.GOOD_TINT)  # an owner or deadline the document stated
FLAGGED = palette.qcolor(palette.FLAGGED_TINT)  # the importer was unsure of this row: check it


class ImportPreviewDialog(QDialog):
    imported = Signal(object, str)  # the Changes returned by import_campaign, the result in words

    def __init__(self, session: RegisterSession | None, kind: str = "通报",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._kind = session, kind
        self._reg = session.reg if session is not None else None  # read here, written by session.run
        self._target: int | None = None  # the campaign a re-import updates
        self._report: ImportReport | None = None  # its flags mark rows until the first edit
        self._campaign: CampaignData | None = None
        self._source = ""
        self.setWindowTitle(self.tr("导入%1").replace("%1", kind))
        from rectdesk.gui.uistate import resize_within_screen

        resize_within_screen(self, 1100, 720)
        self._build()
        self._update_buttons()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_button = QPushButton(self.tr("选择文件…"))
        self.file_button.clicked.connect(self._choose_file)
        self.file_label = QLabel(self.tr("支持 .docx、.pdf、网页（.html/.mhtml）和 .txt"))
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText(self.tr("或把文字粘贴在这里（例如从 PDF 或网页复制），然后点“解析粘贴的文字”"))
        self.paste.setMaximumHeight(90)
        self.parse_button = QPushButton(self.tr("解析粘贴的文字"))
        self.parse_button.clicked.connect(self._parse_pasted)
        source = QHBoxLayout()
        source.addWidget(self.file_button)
        source.addWidget(self.file_label, 1)
        source.addWidget(self.parse_button)

        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("问题 / 整改措施"), self.tr("状态"), field_label("lead_department"),
                                              field_label("leaders"), self.tr("时限")])
        self.model.itemChanged.connect(self._item_changed)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(COL_TEXT, 560)
        self.tree.selectionModel().selectionChanged.connect(self._update_buttons)

        self.unparsed_model = QStringListModel(self)
        self.unparsed_view = QListView()
        self.unparsed_view.setModel(self.unparsed_model)
        self.unparsed_view.setWordWrap(True)
        self.unparsed_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unparsed_view.selectionModel().selectionChanged.connect(self._update_buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.flags_model = QStringListModel(self)
        self.flags_view = QListView()
        self.flags_view.setObjectName("importFlags")
        self.flags_view.setModel(self.flags_model)
        self.flags_view.setWordWrap(True)
        self.flags_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.flags_view.clicked.connect(self._flag_clicked)
        self.flags_label = QLabel(self.tr("需要核对（橙色）"))
        right_layout.addWidget(self.flags_label)
        right_layout.addWidget(self.flags_view, 1)
        right_layout.addWidget(QLabel(self.tr("未识别的文字（导入后保留在整改任务中）")))
        right_layout.addWidget(self.unparsed_view, 1)
        self.as_problem_button = QPushButton(self.tr("作为问题添加"))
        self.as_problem_button.clicked.connect(self._unparsed_as_problem)
        right_layout.addWidget(self.as_problem_button)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setSizes([800, 300])

        self.merge_button = QPushButton(self.tr("合并"))
        self.split_button = QPushButton(self.tr("拆分"))
        self.promote_button = QPushButton(self.tr("升为问题"))
        self.demote_button = QPushButton(self.tr("降为措施"))
        self.drop_button = QPushButton(self.tr("移出（保留为未识别文字）"))
        edits = QHBoxLayout()
        for button, slot in ((self.merge_button, self._merge), (self.split_button, self._split),
                             (self.promote_button, self._promote), (self.demote_button, self._demote),
                             (self.drop_button, self._drop)):
            button.clicked.connect(slot)
            edits.addWidget(button)
        edits.addStretch(1)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("导入"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.paste)
        layout.addLayout(edits)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.report_label)
        layout.addWidget(self.buttons)

    # -- loading ----------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的文件"), "",
                                              self.tr("通报/方案/反馈意见 (*.docx *.pdf *.txt *.html *.htm *.mhtml);;所有文件 (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        from rectdesk.exchange.bulletin_import import read_document

        self.file_label.setText(str(path))
        run_task(self, read_document, Path(path), strict=False,
                 on_done=lambda result: self._show(result, path.name), busy=self.tr("正在读取文件…"))

    def _parse_pasted(self) -> None:
        self.load_text(self.paste.toPlainText())

    def load_text(self, text: str) -> None:
        from rectdesk.exchange.bulletin_import import parse_text

        run_task(self, parse_text, text, strict=False,
                 on_done=lambda result: self._show(result, self.tr("粘贴的文字")), busy=self.tr("正在解析…"))

    def _show(self, result: tuple[CampaignData, ImportReport], source: str) -> None:
        self._campaign, report = result
        self._source = source
        text = self.tr("找到 %1 个问题、%2 条整改措施，%3 段文字未能识别；%4 条措施的状态由文字推断（黄色），"
                       "%5 条措施找到了责任部门或时限（绿色）。")
        for n, value in enumerate((report.problems, report.measures, report.unparsed,
                                   report.inferred_statuses, report.owners_found), start=1):
            text = text.replace(f"%{n}", str(value))
        self.report_label.setText("\n".join([text, *report.notes]))
        self._report = report
        self._show_flags()
        self.refresh()

    def _show_flags(self) -> None:
        """The importer's doubts: listed on the right, their rows shaded until the first edit
        (after a merge or split the positions they name no longer hold)."""
        flags = self._report.flags if self._report is not None else []
        self.flags_model.setStringList([f.line() for f in flags])
        self.flags_label.setText(self.tr("需要核对 %1 处（橙色）").replace("%1", str(len(flags))))

    def _flag_clicked(self, index: QModelIndex) -> None:
        if self._report is None or not 0 <= index.row() < len(self._report.flags):
            return
        flag = self._report.flags[index.row()]
        if flag.problem is not None:
            self.select(("problem", flag.problem) if flag.measure is None
                        else ("measure", flag.problem, flag.measure))

    def _row_flags(self, problem: int, measure: int | None = None) -> str:
        if self._report is None:
            return ""
        return "\n".join(f.line() for f in self._report.at(problem, measure))

    # -- the tree -----------------------------------------------------------------------------
    @property
    def campaign(self) -> CampaignData | None:
        return self._campaign

    def refresh(self) -> None:
        """Rebuild the tree and the unparsed list from the campaign being edited."""
        self.model.blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        c = self._campaign
        if c is not None:
            groups: dict[str, QStandardItem] = {}
            for pi, problem in enumerate(c.problems):
                parent = self.model.invisibleRootItem()
                if problem.category:
                    if problem.category not in groups:
                        groups[problem.category] = self._category_row(problem.category)
                    parent = groups[problem.category]
                row = self._problem_row(pi)
                parent.appendRow(row)
                for mi in range(len(problem.measures)):
                    row[0].appendRow(self._measure_row(pi, mi))
            self.unparsed_model.setStringList(list(c.unparsed))
        self.model.blockSignals(False)
        self.model.layoutChanged.emit()
        self.tree.expandAll()
        self._update_buttons()

    def _category_row(self, name: str) -> QStandardItem:
        item = QStandardItem(name)
        item.setData(("category", name), KindRole)
        item.setEditable(False)
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        self.model.invisibleRootItem().appendRow([item] + [self._blank() for _ in range(4)])
        return item

    def _blank(self) -> QStandardItem:
        item = QStandardItem("")
        item.setEditable(False)
        return item

    def _problem_row(self, pi: int) -> list[QStandardItem]:
        assert self._campaign is not None
        problem = self._campaign.problems[pi]
        item = QStandardItem(f"{problem.number}. {problem.title}")
        item.setData(("problem", pi), KindRole)
        item.setToolTip(problem.description or problem.title)
        doubt = self._row_flags(pi)
        if doubt:
            item.setBackground(QBrush(FLAGGED))
            item.setToolTip(doubt)
        return [item] + [self._blank() for _ in range(4)]

    def _measure_row(self, pi: int, mi: int) -> list[QStandardItem]:
        assert self._campaign is not None
        m = self._campaign.problems[pi].measures[mi]
        cells = [QStandardItem(m.text), QStandardItem(m.status.value), QStandardItem(m.lead_department),
                 QStandardItem("、".join(m.leaders)), QStandardItem(m.deadline.text)]
        for cell in cells:
            cell.setData(("measure", pi, mi), KindRole)
        if m.status_inferred:
            cells[COL_STATUS].setBackground(QBrush(INFERRED))
            cells[COL_STATUS].setToolTip(self.tr("根据文字推断，请核对"))
        for col in (COL_LEAD, COL_LEADERS, COL_DEADLINE):
            if cells[col].text():
                cells[col].setBackground(QBrush(FOUND))
                cells[col].setToolTip(self.tr("从文件中读出"))
        doubt = self._row_flags(pi, mi)
        if doubt:
            cells[COL_TEXT].setBackground(QBrush(FLAGGED))
            cells[COL_TEXT].setToolTip(doubt)
        return cells

    def selected(self) -> list[tuple[Any, ...]]:
        """The selected rows' kinds, in tree order, one per row."""
        rows = {(i.parent(), i.row()): i.siblingAtColumn(0) for i in self.tree.selectionModel().selectedIndexes()}
        kinds = [index.data(KindRole) for index in rows.values()]
        return sorted((k for k in kinds if k), key=lambda k: (k[0] != "category", k[1:]))

    def select(self, kind: tuple[Any, ...]) -> None:
        """Select the row holding `kind` (tests and keyboard users)."""
        for index in self._walk(QModelIndex()):
            if index.data(KindRole) == kind:
                flags = QItemSelectionModel.SelectionFlag
                self.tree.selectionModel().select(index, flags.Select | flags.Rows)
                self.tree.selectionModel().setCurrentIndex(index, flags.NoUpdate)
                return

    def _walk(self, parent: QModelIndex) -> list[QModelIndex]:
        out = []
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            out.append(index)
            out.extend(self._walk(index))
        return out

    def _update_buttons(self, *_: object) -> None:
        kinds = self.selected() if self._campaign is not None else []
        problems = [k for k in kinds if k[0] == "problem"]
        measures = [k for k in kinds if k[0] == "measure"]
        only_problems = bool(problems) and len(problems) == len(kinds)
        only_measures = bool(measures) and len(measures) == len(kinds) and len({m[1] for m in measures}) == 1
        self.merge_button.setEnabled((only_problems and len(problems) > 1) or (only_measures and len(measures) > 1))
        self.split_button.setEnabled(only_measures and len(measures) == 1)
        self.promote_button.setEnabled(only_measures and len(measures) == 1)
        self.demote_button.setEnabled(only_problems and len(problems) == 1 and problems[0][1] > 0)
        self.drop_button.setEnabled(len(kinds) == 1 and kinds[0][0] != "category")
        self.as_problem_button.setEnabled(bool(self.unparsed_view.selectionModel().selectedIndexes()))
        self.import_button.setEnabled(bool(self._campaign and self._campaign.problems) and self._reg is not None)

    # -- corrections --------------------------------------------------------------------------
    def _edit(self, fn: Callable[..., object], *args: object) -> None:
        assert self._campaign is not None
        fn(self._campaign, *args)
        if self._report is not None:  # positions moved: keep the list, drop the shading
            self._report = replace(self._report, flags=[replace(f, problem=None, measure=None)
                                                        for f in self._report.flags])
        self.refresh()

    def _merge(self) -> None:
        from rectdesk.exchange.bulletin_parse import edits

        kinds = self.selected()
        if kinds and kinds[0][0] == "problem":
            self._edit(edits.merge_problems, [k[1] for k in kinds])
        elif kinds:
            self._edit(edits.merge_measures, kinds[0][1], [k[2] for k in kinds])

    def _split(self) -> None:
        from rectdesk.exchange.bulletin_parse import edits

        _, pi, mi = self.selected()[0]
        self._edit(edits.split_measure, pi, mi)

    def _promote(self) -> None:
        from rectdesk.exchange.bulletin_parse import edits

        _, pi, mi = self.selected()[0]
        self._edit(edits.promote_measure, pi, mi)

    def _demote(self) -> None:
        from rectdesk.exchange.bulletin_parse import edits

        self._edit(edits.demote_problem, self.selected()[0][1])

    def _drop(self) -> None:
        from rectdesk.exchange.bulletin_parse import edits

        kind = self.selected()[0]
        self._edit(edits.to_unparsed, kind[1], kind[2] if kind[0] == "measure" else None)

    def _unparsed_as_problem(self) -> None:
        from rectdesk.exchange.bulletin_parse import edits

        rows = self.unparsed_view.selectionModel().selectedIndexes()
        if rows:
            self._edit(edits.unparsed_to_problem, rows[0].row())

    def _item_changed(self, item: QStandardItem) -> None:
        """Write an edited cell back; a value that does not read is refused and shown again."""
        kind = item.data(KindRole)
        if not kind or self._campaign is None:
            return
        error = self._apply_edit(kind, item.column(), item.text().strip())
        if error:
            QMessageBox.warning(self, self.tr("无法修改"), error)
        self.refresh()

    def _apply_edit(self, kind: tuple[Any, ...], column: int, text: str) -> str:
        from rectdesk.core.status import parse_status
        from rectdesk.exchange.bulletin_parse.fields import names, read_deadline

        assert self._campaign is not None
        if kind[0] == "problem":
            title = text.split(". ", 1)[1] if ". " in text[:5] else text
            if not title:
                return self.tr("问题标题不能为空")
            self._campaign.problems[kind[1]].title = title
            return ""
        m = self._campaign.problems[kind[1]].measures[kind[2]]
        if column == COL_TEXT:
            if not text:
                return self.tr("整改措施不能为空")
            m.text = m.result = text
        elif column == COL_STATUS:
            status = parse_status(text)
            if status is None:
                return self.tr("无法识别的状态：请填写 未启动、正在推进、已完成 或 长期坚持")
            m.status, m.status_inferred = status, False
        elif column == COL_LEAD:
            m.lead_department = text
        elif column == COL_LEADERS:
            m.leaders = names(text)
        elif column == COL_DEADLINE:
            notes: list[str] = []
            m.deadline = read_deadline(text, None, notes)
        return ""

    # -- writing -----------------------------------------------------------------------------
    def _confirm(self) -> None:
        if self._campaign is None or not self._campaign.problems or self._session is None:
            return
        from rectdesk.store import services

        source = self.tr("导入%1：%2").replace("%1", self._kind).replace("%2", self._source)
        choice = self._ask_if_repeated()
        if choice is False:
            return
        self._target = choice
        self.import_button.setEnabled(False)
        self._session.run(self, services.import_campaign, self._campaign, into_campaign=choice,
                          merge=choice is not None, source=source, source_name=self._source,
                          backup=True, on_done=self._done, on_error=self._failed,
                          busy=self.tr("正在写入台账…"))

    def _ask_if_repeated(self) -> int | None | bool:
        """None: import as a new campaign; an id: update that campaign; False: cancelled.
        Asked when the same document was imported before or a campaign has its title."""
        from rectdesk.store.queries import same_campaigns

        assert self._campaign is not None and self._reg is not None
        found = same_campaigns(self._reg, self._campaign.title, self._campaign.digest())
        if not found:
            return None
        cid, title, why = found[0]
        text = (self.tr("这份文件已于此前导入为整改任务“%1”。") if why == "source"
                else self.tr("台账中已有同名的整改任务“%1”。")).replace("%1", title)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("重复导入"), text, parent=self)
        box.setInformativeText(self.tr("更新：在原整改任务中补充新增的问题和措施，已有内容不变。"))
        update = box.addButton(self.tr("更新原整改任务"), QMessageBox.ButtonRole.AcceptRole)
        as_new = box.addButton(self.tr("作为新的整改任务导入"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(update)
        box.exec()
        if box.clickedButton() is update:
            return int(cid)
        return None if box.clickedButton() is as_new else False

    def _done(self, changes: Any) -> None:
        problems = sum(1 for kind, _ in changes.created if kind == "problem")
        measures = len(changes.created) - problems
        text = (
            self.tr("已更新整改任务：新增 %1 个问题、%2 条整改措施（已有内容未改动）。") if self._target
            else self.tr("已导入 %1 个问题、%2 条整改措施。")).replace("%1", str(problems)).replace(
            "%2", str(measures))
        self.imported.emit(changes, text)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self._update_buttons()
        show_error(self, exc)


def open_import(host: AddonHost, kind: str) -> ImportPreviewDialog | None:
    """The preview of an import of `kind` (通报, 方案, 反馈意见) into the open register."""
    if host.session is None:
        return None

    def imported(changes: Any, text: str) -> None:  # session.run has announced the changes
        host.reload_campaigns(select=next(iter(changes.campaigns), None))
        host.show_status(text, 10_000)
        QMessageBox.information(host.window(), QCoreApplication.translate("ImportPreviewDialog", "导入完成"), text)

    dialog = ImportPreviewDialog(host.session, kind, parent=host.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.imported.connect(imported)
    dialog.open()
    return dialog


def install(host: AddonHost) -> None:
    """Main-window add-on (rectdesk.gui.addons): 导入 -> 通报…/方案…/反馈意见…."""
    for action_id, kind, text in (
            ("import_bulletin", "通报", QCoreApplication.translate("ImportPreviewDialog", "通报…")),
            ("import_plan", "方案", QCoreApplication.translate("ImportPreviewDialog", "方案…")),
            ("import_feedback", "反馈意见", QCoreApplication.translate("ImportPreviewDialog", "反馈意见…"))):
        host.add_action(action_id, text, partial(open_import, host, kind))
