"""Field editors that commit on their own: a line edit on Enter or focus loss, a text box on
focus loss, a combo box on choice. Each reports (key, value) through one `commit` callback,
only when the value differs from what was loaded."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QPlainTextEdit, QWidget

_SEP = re.compile(r"[、，,;；]")


class Rejected(Exception):
    """The commit callback refused the value (and has shown why); keep the old one loaded."""


class NamesCompleter(QCompleter):
    """Completes the last name of a "张三、李四" list; offered names grow with the register."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [_SEP.split(path)[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:  # noqa: N802
        widget = self.widget()
        current = widget.text() if isinstance(widget, QLineEdit) else ""
        parts = _SEP.split(current)[:-1]
        return "、".join([p.strip() for p in parts if p.strip()] + [str(index.data())])


class FieldBinder(QObject):
    def __init__(self, commit: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._commit = commit
        self._widgets: dict[str, QWidget] = {}
        self._loaded: dict[str, str] = {}
        self._errors: dict[str, QLabel] = {}

    # -- binding ---------------------------------------------------------------------------
    def bind(self, key: str, widget: QWidget, error: QLabel | None = None) -> None:
        self._widgets[key] = widget
        if error is not None:
            self._errors[key] = error
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(lambda: self.commit(key))
        elif isinstance(widget, QPlainTextEdit):
            widget.installEventFilter(self)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _i: self.commit(key))
            line = widget.lineEdit() if widget.isEditable() else None
            if line is not None:
                line.editingFinished.connect(lambda: self.commit(key))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            for key, widget in self._widgets.items():
                if widget is obj:
                    self.commit(key)
        return False

    # -- values ----------------------------------------------------------------------------
    def value(self, key: str) -> str:
        w = self._widgets[key]
        if isinstance(w, QLineEdit):
            return w.text().strip()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        if isinstance(w, QComboBox):
            data = w.currentData()
            return str(data) if data is not None and not w.isEditable() else w.currentText().strip()
        raise TypeError(type(w))

    def load(self, values: dict[str, str]) -> None:
        """Show stored values without committing them; clears the error messages."""
        for key, value in values.items():
            w = self._widgets.get(key)
            if w is None:
                continue
            w.blockSignals(True)
            if isinstance(w, QLineEdit):
                w.setText(value)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(value)
            elif isinstance(w, QComboBox):
                i = w.findData(value) if not w.isEditable() else w.findText(value)
                if i >= 0:
                    w.setCurrentIndex(i)
                elif w.isEditable():
                    w.setEditText(value)
            w.blockSignals(False)
            self._loaded[key] = value
        self.clear_errors()

    def commit(self, key: str) -> None:
        if key not in self._loaded:
            return
        value = self.value(key)
        if value != self._loaded[key]:
            old = self._loaded[key]
            self._loaded[key] = value  # a second editingFinished must not commit twice
            try:
                self._commit(key, value)
            except Rejected:
                self._loaded[key] = old

    def loaded(self, key: str) -> str:
        return self._loaded.get(key, "")

    def flush(self) -> None:
        """Commit whatever is being edited (before the selection moves away)."""
        for key in self._widgets:
            self.commit(key)

    # -- messages --------------------------------------------------------------------------
    def show_error(self, key: str | None, message: str, fallback: QLabel) -> None:
        label = self._errors.get(key or "", fallback)
        label.setText(message)
        label.setVisible(True)

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.setVisible(False)
            label.clear()


def set_choices(widget: QWidget, names: list[str], multi: bool = False) -> None:
    """Offer `names` for completion in a line edit (or as the items of an editable combo)."""
    if isinstance(widget, QComboBox):
        current = widget.currentText()
        widget.blockSignals(True)
        widget.clear()
        widget.addItems(["", *names])
        widget.setEditText(current)
        widget.blockSignals(False)
        return
    if isinstance(widget, QLineEdit):
        completer = widget.completer()
        if completer is None:
            completer = NamesCompleter(widget) if multi else QCompleter(widget)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setModel(QStringListModel(completer))
            widget.setCompleter(completer)
        model = completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(names)
