"""The ledger's menu items in the main window: export and print start from the window's filter."""

from __future__ import annotations

from rectdesk.gui.dialogs.ledger_export import LedgerExportDialog
from rectdesk.gui.dialogs.ledger_import import LedgerImportWizard
from rectdesk.gui.filters import Filter


def action(menu, text):  # type: ignore[no-untyped-def]
    found = [a for a in menu.actions() if a.text() == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def test_ledger_actions_are_in_the_menus(window):
    action(window.menu_export, "整改台账（Excel）…")
    action(window.menu_import, "Excel 台账…")
    items = [a.text() for a in window.menu_file.actions()]
    assert "打印台账…" in items
    assert items.index("打印台账…") < len(items) - 1  # 退出 stays last


def test_export_dialog_starts_from_the_window_filter(window):
    window.filter_bar.set_value(Filter(leader="张明"))
    action(window.menu_export, "整改台账（Excel）…").trigger()
    dialog = window.findChild(LedgerExportDialog)
    assert dialog is not None
    assert dialog.leader.currentText() == "张明"
    dialog.close()


def test_import_wizard_opens_on_the_register(window):
    action(window.menu_import, "Excel 台账…").trigger()
    wizard = window.findChild(LedgerImportWizard)
    assert wizard is not None and wizard.reg is window.session.reg
    wizard.close()
