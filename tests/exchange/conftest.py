"""Rendering written documents through LibreOffice, as an office opens and prints them."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Render = Callable[[list[Path]], dict[Path, list[str]]]


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture
def render(tmp_path: Path) -> Render:
    """Documents -> the text of each printed page (LibreOffice PDF, pdftotext), in one soffice run
    with a private profile so parallel tests do not share one."""

    def run(paths: list[Path]) -> dict[Path, list[str]]:
        out = tmp_path / "pdf"
        profile = (tmp_path / "lo-profile").as_uri()
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(out), *map(str, paths)],
                       check=True, capture_output=True, timeout=300)
        return {p: _pages(out / f"{p.stem}.pdf") for p in paths}

    return run
