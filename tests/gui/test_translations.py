"""Every string has its English translation, and the compiled .qm matches the .ts."""

from __future__ import annotations

from rectdesk.gui import i18n_build


def test_no_unfinished_english_translation() -> None:
    left = i18n_build.unfinished("en")
    assert left == [], f"{len(left)} untranslated: run python -m rectdesk.gui.i18n_build --unfinished"


def test_qm_is_built_from_the_ts() -> None:
    assert i18n_build.qm_path("en").stat().st_size > 1000
    assert i18n_build.qm_path("en").stat().st_mtime >= i18n_build.ts_path("en").stat().st_mtime - 2
