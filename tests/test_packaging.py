"""Cheap checks of the packaging files: what the spec bundles, the .desktop entry, the launcher,
the .deb and the NSIS installer built from stand-in bundles, the glibc check. The real builds and their
self-tests run in resources/packaging/build_all.sh (minutes, not a unit test)."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import rectdesk
from rectdesk.cli import COMMAND_MODULES

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "resources" / "packaging"
LINUX = PACKAGING / "linux"


def load_spec() -> dict[str, Any]:
    """Execute build_installer.spec with PyInstaller's build objects replaced by recorders."""
    calls: dict[str, Any] = {"EXE": []}

    def analysis(scripts: list[str], **kwargs: Any) -> SimpleNamespace:
        calls["Analysis"] = dict(kwargs, scripts=scripts)
        return SimpleNamespace(binaries=[], datas=list(kwargs["datas"]), pure=[], scripts=[])

    def exe(*args: Any, **kwargs: Any) -> str:
        calls["EXE"].append(kwargs)
        return kwargs["name"]

    def collect(*args: Any, **kwargs: Any) -> None:
        calls["COLLECT"] = kwargs

    namespace = {"SPECPATH": str(REPO), "DISTPATH": str(REPO / "no-such-dist"),
                 "Analysis": analysis, "PYZ": lambda *a, **k: None, "EXE": exe, "COLLECT": collect,
                 "__file__": str(REPO / "build_installer.spec")}
    source = (REPO / "build_installer.spec").read_text(encoding="utf-8")
    exec(compile(source, "build_installer.spec", "exec"), namespace)
    namespace["calls"] = calls
    return namespace


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec()


def bundled(spec: dict[str, Any]) -> set[str]:
    """Paths (relative to the bundle) of the data files the spec adds."""
    return {f"{dest}/{Path(src).name}" for src, dest in spec["calls"]["Analysis"]["datas"]}


def test_spec_names_the_app_and_version_from_the_package(spec: dict[str, Any]) -> None:
    assert spec["VERSION"] == rectdesk.__version__
    assert spec["APP_NAME"] == rectdesk.APP_NAME
    assert spec["calls"]["COLLECT"]["name"] == "rectdesk"
    assert [e["name"] for e in spec["calls"]["EXE"]] == (
        ["rectdesk", "rectdesk-cli"] if sys.platform == "win32" else ["rectdesk"])


def test_spec_bundles_every_migration_script_as_a_file(spec: dict[str, Any]) -> None:
    files = bundled(spec)
    migrations = REPO / "rectdesk" / "store" / "migrations"
    for script in [*migrations.glob("*.py"), *migrations.glob("versions/*.py")]:
        assert script.relative_to(REPO).as_posix() in files
    assert "rectdesk/store/migrations/script.py.mako" in files


def test_spec_bundles_resources_but_not_their_sources(spec: dict[str, Any]) -> None:
    files = bundled(spec)
    assert "resources/demo/nanjing-eeb-2020-11-02-bulletin.txt" in files
    assert "resources/icons/rectdesk.svg" in files
    for template in (REPO / "resources" / "templates").glob("*.docx"):
        assert f"resources/templates/{template.name}" in files
    for qm in (REPO / "resources" / "translations").glob("*.qm"):
        assert f"resources/translations/{qm.name}" in files
    assert not [f for f in files if f.startswith("resources/") and f.endswith((".py", ".ts", ".tsv"))]
    assert not [f for f in files if f.startswith("resources/packaging/")]


def _qt_modules_imported_by_the_app() -> set[str]:
    found = set()
    for path in (REPO / "rectdesk").rglob("*.py"):
        found |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return {f"PySide6.{name}" for name in found}


def test_spec_excludes_unused_qt_but_nothing_the_app_imports(spec: dict[str, Any]) -> None:
    excludes = set(spec["calls"]["Analysis"]["excludes"])
    used = _qt_modules_imported_by_the_app()
    assert {"PySide6.QtCore", "PySide6.QtWidgets"} <= used
    assert not used & excludes
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "PySide6.Qt3DCore",
            "PySide6.QtMultimedia"} <= excludes


def test_spec_hidden_imports_cover_commands_and_defusedxml(spec: dict[str, Any]) -> None:
    hidden = set(spec["calls"]["Analysis"]["hiddenimports"])
    assert set(COMMAND_MODULES) <= hidden
    assert {"rectdesk.selftest", "defusedxml", "PySide6.QtPrintSupport", "PySide6.QtPdf"} <= hidden


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
])
def test_spec_plugin_filter(spec: dict[str, Any], dest: str, kept: bool) -> None:
    assert spec["_keep"](dest) is kept


def test_prune_drops_libraries_only_dropped_plugins_linked(spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    links = {"/src/QtCore.abi3.so": {"libQt6Core.so.6"}, "/src/libQt6Core.so.6": set(),
             "/src/libQt6Quick.so.6": {"libQt6Qml.so.6"}, "/src/libQt6Qml.so.6": {"libQt6Core.so.6"}}
    import PyInstaller.depend.bindepend as bindepend

    monkeypatch.setattr(bindepend, "get_imports",
                        lambda src: [(name, f"/src/{name}") for name in links[src]])
    binaries = [("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
                ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
                ("PySide6/Qt/lib/libQt6Quick.so.6", "/src/libQt6Quick.so.6", "BINARY"),
                ("PySide6/Qt/lib/libQt6Qml.so.6", "/src/libQt6Qml.so.6", "BINARY"),
                ("libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "SYMLINK")]
    kept = [dest for dest, _, _ in spec["prune_unlinked"](binaries)]
    assert kept == ["PySide6/QtCore.abi3.so", "PySide6/Qt/lib/libQt6Core.so.6"]


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(LINUX / "rectdesk.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "整改台账"
    assert section["Name[zh_CN]"] == "整改台账"
    assert section["Exec"] == "rectdesk"
    assert section["Icon"] == "rectdesk"
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")
    assert (LINUX / "icons" / "hicolor" / "48x48" / "apps" / "rectdesk.png").is_file()


def test_launcher_runs_the_bundle_beside_it(tmp_path: Path) -> None:
    """The launcher finds ../../opt/rectdesk relative to itself (installed or under dpkg -x)."""
    (tmp_path / "usr" / "bin").mkdir(parents=True)
    (tmp_path / "opt" / "rectdesk").mkdir(parents=True)
    launcher = tmp_path / "usr" / "bin" / "rectdesk"
    shutil.copy2(LINUX / "rectdesk.sh", launcher)
    fake = tmp_path / "opt" / "rectdesk" / "rectdesk"
    fake.write_text('#!/bin/sh\necho "bundle got: $*"\n', encoding="utf-8")
    fake.chmod(0o755)
    out = subprocess.run([str(launcher), "--db", "台账 1.rectdesk"], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    assert out == "bundle got: --db 台账 1.rectdesk\n"


def test_build_deb_from_a_stand_in_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "rectdesk"
    bundle.mkdir()
    (bundle / "rectdesk").write_text("#!/bin/sh\necho ok\n", encoding="utf-8")
    (bundle / "rectdesk").chmod(0o755)
    out = subprocess.run([str(LINUX / "build_deb.sh"), str(bundle), str(tmp_path / "out")],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    deb = Path(out.splitlines()[-1])
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    assert deb.name == f"rectdesk_{rectdesk.__version__}_{arch}.deb"
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "Package: rectdesk\n" in control
    assert f"Version: {rectdesk.__version__}\n" in control
    assert "Depends: libc6, libgl1" in control  # the stand-in links no glibc symbols
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    for path in ("./opt/rectdesk/rectdesk", "./usr/bin/rectdesk",
                 "./usr/share/applications/rectdesk.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/rectdesk.svg",
                 "./usr/share/icons/hicolor/256x256/apps/rectdesk.png"):
        assert f" {path}\n" in listing
    assert re.search(r"^-rwxr-xr-x root/root .* \./usr/bin/rectdesk$", listing, re.M)


def test_nsis_installer_builds_from_a_stand_in_bundle(tmp_path: Path) -> None:
    """makensis (native, as build_windows.sh runs it) packs a bundle into a per-user installer."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("rectdesk.exe", "rectdesk-cli.exe", "_internal/python313.dll"):
        (bundle / name).write_bytes(b"MZ stand-in")
    setup = tmp_path / "out" / "rectdesk-setup.exe"
    setup.parent.mkdir()
    subprocess.run(["makensis", "-V2", f"-DVERSION={rectdesk.__version__}", f"-DBUNDLE={bundle}",
                    f"-DOUTFILE={setup}", f"-DICON={REPO / 'resources' / 'icons' / 'rectdesk.ico'}",
                    str(PACKAGING / "windows" / "rectdesk.nsi")], check=True, timeout=120,
                   capture_output=True)
    assert setup.read_bytes()[:2] == b"MZ"
    text = (PACKAGING / "windows" / "rectdesk.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text  # no administrator rights
    assert '!define APP_ZH "整改台账"' in text and '"$SMPROGRAMS\\${APP_ZH}.lnk"' in text
    assert 'Software\\Classes\\.rectdesk' in text
    uninstall = text[text.index('Section "Uninstall"'):]
    assert "RMDir /r \"$INSTDIR\"" not in uninstall  # registers kept beside the program survive


def _glibc_needs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(LINUX / "glibc_needs.py"), *args],
                          capture_output=True, text=True, timeout=60)


def test_glibc_needs_lists_each_elf_file_and_fails_above_the_limit(tmp_path: Path) -> None:
    shutil.copy2(shutil.which("ls") or "/bin/ls", tmp_path / "ls")
    (tmp_path / "notes.txt").write_text("GLIBC_9.99 in a text file does not count", encoding="utf-8")
    (tmp_path / "link").symlink_to("ls")
    highest = _glibc_needs("--highest", str(tmp_path)).stdout.strip()
    assert re.fullmatch(r"2\.\d+", highest)
    ok = _glibc_needs(str(tmp_path), "--max", highest)
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == f"GLIBC_{highest:<6} ls"
    assert "1 ELF files" in ok.stdout
    below = f"2.{int(highest.split('.')[1]) - 1}"
    over = _glibc_needs(str(tmp_path), "--max", below)
    assert over.returncode == 1 and f"newer than {below}: ls" in over.stderr
