"""Errors that carry words for people.

Every error the user can cause is a RectDeskError with a Chinese message that says what is wrong
and, where it helps, what to do. The CLI prints it on one line and exits 2; the GUI shows it next
to the field or in a dialog.
"""

from __future__ import annotations


class RectDeskError(Exception):
    """An error the user can understand and act on."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.file = file
        self.row = row
        self.column = column
        self.sheet = sheet

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"文件“{self.file}”")
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"“{self.column}”列")
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message


class ValidationError(RectDeskError):
    """A value the user entered breaks a rule; `field` names it."""


class NotFound(RectDeskError):
    """The item addressed does not exist."""


class ImportFormatError(RectDeskError):
    """A file to import is malformed; the register is left unchanged."""


class SchemaTooNew(RectDeskError):
    """The register was written by a newer RectDesk."""


class RegisterLocked(RectDeskError):
    """Another process holds the register."""


class RegisterDamaged(RectDeskError):
    """The register file failed its integrity check."""
