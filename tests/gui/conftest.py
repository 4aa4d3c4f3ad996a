"""The main window on a copy of the demo register, as most GUI tests start."""

from __future__ import annotations

from pathlib import Path

import pytest
from prepared import WINDOW_TODAY  # the demo's dates make sense against this day


@pytest.fixture
def demo_session(demo_register):  # type: ignore[no-untyped-def]
    """The window's write path (RegisterSession) over the demo register, for dialogs alone."""
    from rectdesk.gui.session import RegisterSession

    return RegisterSession(demo_register)


@pytest.fixture
def window(qtbot, demo_path: Path):  # type: ignore[no-untyped-def]
    """Background tasks run inline; the change log's operator is 测试员."""
    from rectdesk.gui import tasks
    from rectdesk.gui.main_window import MainWindow

    tasks.set_inline(True)
    w = MainWindow(demo_path, today=WINDOW_TODAY)
    w.session.reg.operator = "测试员"
    qtbot.addWidget(w)
    w.show()
    yield w
    tasks.set_inline(False)
