"""Build the UI translations: scan sources with pyside6-lupdate, compile with pyside6-lrelease.

    python -m rectdesk.gui.i18n_build                 # update resources/translations/*.ts, build *.qm
    python -m rectdesk.gui.i18n_build --unfinished    # list strings still waiting for English
    python -m rectdesk.gui.i18n_build --apply FILE    # fill translations from a TSV file

Source strings are Simplified Chinese (self.tr("...") / QCoreApplication.translate(ctx, "...")
in rectdesk/gui and the Qt Designer forms in forms/, and the field table's labels in
rectdesk/core/fields.py, context "Field"). The TSV for --apply holds one
`context<TAB>source<TAB>translation` per line; `\\n` in a field stands for a newline; a
plural (%n) message takes its forms separated by `|` ("%n problem|%n problems"). Only
entries that exist in the .ts are filled; the script then rebuilds the .qm files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en",)  # the source language (zh_CN) needs no file


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"rectdesk_{lang}.ts"


def qm_path(lang: str) -> Path:
    return TRANSLATIONS / f"rectdesk_{lang}.qm"


def sources() -> list[Path]:
    """Python files of the GUI (generated ui_*.py excluded: their .ui is scanned) and .ui forms."""
    py = [p for p in sorted((ROOT / "rectdesk" / "gui").rglob("*.py"))
          if not p.name.startswith("ui_") and p.name != "i18n_build.py"]
    return py + sorted((ROOT / "forms").glob("*.ui"))


def _tool(name: str) -> str:
    """pyside6-lupdate/-lrelease ship with PySide6; prefer the ones beside this interpreter."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def field_labels_source(folder: Path) -> Path:
    """The field table's labels (core.fields) as calls lupdate reads: gui.words.field_label
    translates them in the "Field" context, where no literal names them."""
    from rectdesk.core.fields import FIELDS

    path = folder / "field_labels.py"
    lines = [f"QCoreApplication.translate({'Field'!r}, {f.label!r})" for f in FIELDS.values()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = [str(p.relative_to(ROOT)) for p in sources()]
        files.append(str(field_labels_source(Path(tmp))))
        for lang in LANGUAGES:
            ts = str(ts_path(lang).relative_to(ROOT))
            subprocess.run([_tool("pyside6-lupdate"), *files, "-ts", ts, "-no-obsolete",
                            "-locations", "none", "-source-language", "zh_CN",
                            "-target-language", lang], cwd=ROOT, check=True)


def release() -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lrelease"), str(ts_path(lang)), "-qm", str(qm_path(lang))],
                       cwd=ROOT, check=True, capture_output=True)


def unfinished(lang: str = "en") -> list[tuple[str, str]]:
    """(context, source) of every message with no finished translation."""
    tree = ET.parse(ts_path(lang))
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            if tr.get("type") == "unfinished" or not all(f.strip() for f in forms):
                out.append((name, msg.findtext("source") or ""))
    return out


def apply(tsv: Path, lang: str = "en") -> int:
    """Fill translations from a TSV (context, source, translation); returns how many were set."""
    wanted: dict[tuple[str, str], str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ctx, src, text = (part.replace("\\n", "\n") for part in line.split("\t", 2))
        wanted[(ctx, src)] = text
    path = ts_path(lang)
    tree = ET.parse(path)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            key = (name, msg.findtext("source") or "")
            tr = msg.find("translation")
            if key not in wanted or tr is None:
                continue
            forms = list(tr.iter("numerusform"))
            plural = wanted[key].split("|")  # "%n problem|%n problems": English singular, plural
            for k, f in enumerate(forms):
                f.text = plural[min(k, len(plural) - 1)]
            if not forms:
                tr.text = wanted[key]
            tr.attrib.pop("type", None)
            count += 1
    _write_ts(tree, path)
    return count


def _write_ts(tree: ET.ElementTree[ET.Element[str]], path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unfinished", action="store_true", help="list untranslated strings")
    parser.add_argument("--apply", type=Path, metavar="TSV", help="fill translations from a TSV")
    args = parser.parse_args(argv)
    if args.unfinished:
        for ctx, src in unfinished():
            print(f"{ctx}\t{src}".replace("\n", "\\n"))
        return 0
    update()
    if args.apply:
        print(f"filled {apply(args.apply)} translation(s)")
        update()  # normalise the file layout the way lupdate writes it
    release()
    left = unfinished()
    print(f"{len(left)} unfinished translation(s)" + (": run with --unfinished" if left else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
