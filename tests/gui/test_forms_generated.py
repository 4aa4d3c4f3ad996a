"""Each committed ui_*.py is exactly what pyside6-uic makes of its forms/*.ui today."""

from __future__ import annotations

from pathlib import Path

import pytest

from rectdesk.gui.forms import build

FORMS = sorted(build.FORMS.glob("*.ui"))


def test_there_are_forms() -> None:
    assert FORMS


@pytest.mark.parametrize("ui", FORMS, ids=lambda p: p.name)
def test_generated_module_is_current(ui: Path, tmp_path: Path) -> None:
    fresh = build.compile_form(ui, tmp_path).read_text(encoding="utf-8")
    committed = build.OUT / build.target_name(ui)
    assert committed.exists(), f"{committed.name} missing: run python -m rectdesk.gui.forms.build"
    assert committed.read_text(encoding="utf-8") == fresh, (
        f"{committed.name} is older than {ui.name}: run python -m rectdesk.gui.forms.build")
