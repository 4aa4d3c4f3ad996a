"""Compile forms/*.ui (Qt Designer) into rectdesk/gui/forms/ui_*.py with pyside6-uic.

    python -m rectdesk.gui.forms.build

The generated modules are committed (start-up needs no compiler) and must never be edited by
hand; tests/gui/test_forms_generated.py fails when one differs from what its .ui compiles to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FORMS = ROOT / "forms"
OUT = Path(__file__).resolve().parent


def target_name(ui: Path) -> str:
    return f"ui_{ui.stem}.py"


def compile_form(ui: Path, out_dir: Path) -> Path:
    uic = Path(sys.executable).parent / "pyside6-uic"
    target = out_dir / target_name(ui)
    # A relative path keeps the generated header the same on every machine.
    subprocess.run([str(uic) if uic.exists() else "pyside6-uic", "--from-imports",
                    str(ui.relative_to(ROOT)), "-o", str(target)], cwd=ROOT, check=True)
    return target


def main() -> int:
    for ui in sorted(FORMS.glob("*.ui")):
        print(compile_form(ui, OUT).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
