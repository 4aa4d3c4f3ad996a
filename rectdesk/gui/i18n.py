"""Installing the UI language: Simplified Chinese is the source; English comes from Qt Linguist."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rectdesk.paths import resource_path

LANGUAGES = {"zh_CN": "中文", "en": "English"}
_installed: list[QTranslator] = []


def install(lang: str) -> bool:
    """Replace the application's translators; returns False when the .qm file is missing."""
    app = QCoreApplication.instance()
    assert app is not None
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    from rectdesk.gui import words

    words.reset()
    ok = True
    if lang != "zh_CN":
        ours = QTranslator(app)
        ok = ours.load(str(resource_path("translations", f"rectdesk_{lang}.qm")))
        if ok:
            app.installTranslator(ours)
            _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings (OK / Cancel, context menus) in the same language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and qt.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    extra = QTranslator(app)  # what qtbase's own translation misses (QFileDialog's 查找范围)
    if lang != "en" and extra.load(str(resource_path("translations", f"qt_extra_{lang}.qm"))):
        app.installTranslator(extra)
        _installed.append(extra)
    return ok
