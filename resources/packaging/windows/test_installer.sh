#!/usr/bin/env bash
# Install rectdesk-<v>-setup.exe silently under Wine and check what an office would notice:
#
#   resources/packaging/windows/test_installer.sh dist/rectdesk-<v>-setup.exe
#
# The install folder and the data folder have Chinese characters and spaces. Checks: the files,
# the Start-menu entry 整改台账, the .rectdesk association, the installed `rectdesk-cli.exe
# --selftest`, a CLI round trip (demo, export-bulletin, export-ledger, export-forms and
# import-forms, backup, attach, export-evidence, check, summary) whose register and files this
# machine's source tree and libraries then read back, and the silent uninstall, which must remove the program, the entry and the association
# and keep the registers and their backups.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SETUP="$(readlink -f "$1")"
if [ -z "${WORK:-}" ]; then
    WORK="$(mktemp -d)"
    trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
fi
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"
wine_prefix "${WINEPREFIX:-$WORK/prefix}"  # build_windows.sh passes its own
reg_value() {  # reg_value KEY: the default value of HKCU\KEY, empty when the key is missing
    # read from the prefix's user.reg: `reg query` prints Chinese as "??" through a pipe
    wineserver -w  # the registry is saved when the server exits
    python3 - "$WINEPREFIX/user.reg" "$1" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
header = "[" + sys.argv[2].replace("\\", "\\\\") + "] "
for start, line in enumerate(lines):
    if line.lower().startswith(header.lower()):
        for entry in lines[start + 1:]:
            if not entry.strip():
                break
            if entry.startswith('@="'):
                print(re.sub(r'\\x([0-9a-fA-F]{1,4})|\\(.)',
                             lambda m: chr(int(m[1], 16)) if m[1] else m[2], entry[3:-1]))
PY
}

INST_WIN='C:\整改 软件\RectDesk'
INST="$WINEPREFIX/drive_c/整改 软件/RectDesk"
DATA="$WORK/整改 数据"
mkdir -p "$DATA"

t0=$SECONDS
# The folder as a previous install left it (InstallDirRegKey): `/D=` cannot carry a space
# here, since NSIS wants it unquoted and Wine quotes an argument with spaces.
wine_run reg add 'HKCU\Software\RectDesk' /v InstallDir /d "$INST_WIN" /f >/dev/null
wine_run "$SETUP" /S
wineserver -w
for f in rectdesk.exe rectdesk-cli.exe uninstall.exe _internal; do
    [ -e "$INST/$f" ] || die "installer: $INST_WIN\\$f missing"
done
LNK="$(find "$WINEPREFIX/drive_c/users" -path '*Start Menu/Programs/整改台账.lnk' | head -1)"
[ -n "$LNK" ] || die "installer: no Start-menu entry 整改台账"
[ "$(reg_value 'Software\Classes\.rectdesk')" = "RectDesk.Register" ] || die "installer: .rectdesk not associated"
OPEN="$(reg_value 'Software\Classes\RectDesk.Register\shell\open\command')"
[ "$OPEN" = "\"$INST_WIN\\rectdesk.exe\" --db \"%1\"" ] || die "installer: open command is '$OPEN'"
say "installer: silent per-user install in $((SECONDS - t0)) s into $INST_WIN; Start menu 整改台账; .rectdesk -> $OPEN"

selftest "installed under Wine" "$INST" wine_run "$INST/rectdesk-cli.exe" --selftest

t0=$SECONDS
cli() { wine_run "$INST/rectdesk-cli.exe" "$@"; }
DB="$(winepath -w "$DATA/演示 台账.rectdesk")"
cli demo --no-gui --db "$DB" >/dev/null
cli export-bulletin --db "$DB" --out "$(winepath -w "$DATA/通报 草稿.docx")"
cli export-ledger --db "$DB" --out "$(winepath -w "$DATA/整改 台账.xlsx")"
# one form per lead department, named after it (Windows file-name rules), read back unchanged;
# then a verified backup (the atomic replace with retries Windows needs)
FORMS="$DATA/反馈 表"
mkdir -p "$FORMS"
cli export-forms --db "$DB" --out "$(winepath -w "$FORMS")" >/dev/null
mapfile -t FORM_FILES < <(find "$FORMS" -name '*.xlsx' | sort)
[ ${#FORM_FILES[@]} -ge 5 ] || die "export-forms under Wine wrote ${#FORM_FILES[@]} forms"
WIN_FORMS=()
for f in "${FORM_FILES[@]}"; do WIN_FORMS+=("$(winepath -w "$f")"); done
cli import-forms --db "$DB" "${WIN_FORMS[@]}" >/dev/null
cli backup --db "$DB"
# evidence through the CLI (the read-only store files) and the evidence package (zip names)
cli attach --db "$DB" --measure 1.1 "$(winepath -w "$DATA/通报 草稿.docx")" >/dev/null
cli export-evidence --db "$DB" --out "$(winepath -w "$DATA/佐证 材料.zip")" >/dev/null
cli check --db "$DB"
cli summary --db "$DB" | tr -d '\r' > "$WORK/summary-windows.txt"
(cd "$ROOT" && python3 -m rectdesk summary --db "$DATA/演示 台账.rectdesk") > "$WORK/summary-linux.txt"
diff "$WORK/summary-windows.txt" "$WORK/summary-linux.txt" || die "the register written on Windows reads differently here"
python3 - "$DATA/通报 草稿.docx" "$DATA/整改 台账.xlsx" "$DATA/佐证 材料.zip" <<'PY' || die "the exported files do not read back"
import sys, zipfile, docx, openpyxl
bulletin = open(sys.argv[1], "rb").read()
text = "\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs)
assert "整改" in text and len(text) > 1000, text[:200]
rows = openpyxl.load_workbook(sys.argv[2], read_only=True).worksheets[0].max_row
assert rows > 10, rows
with zipfile.ZipFile(sys.argv[3]) as package:
    attached = [i for i in package.infolist() if i.filename.endswith(".docx")]
    assert len(attached) == 1 and package.read(attached[0]) == bulletin, package.namelist()
print(f"    bulletin: {len(text)} characters; ledger: {rows} rows; evidence package: {attached[0].filename}")
PY
sed 's/^/    /' "$WORK/summary-windows.txt"
say "CLI round trip under Wine in $((SECONDS - t0)) s (demo, export-bulletin, export-ledger," \
    "export-forms: ${#FORM_FILES[@]} forms, import-forms, backup, attach, export-evidence, check," \
    "summary) in $DATA"

# registers the uninstaller must keep: one in the user's data folder, one in the install folder
cli demo --no-gui >/dev/null
APPDATA_REG="$(find "$WINEPREFIX/drive_c/users" -path '*AppData/Local/RectDesk/demo.rectdesk' | head -1)"
[ -n "$APPDATA_REG" ] || die "the demo register is not in the user's AppData\\Local\\RectDesk"
cp "$DATA/演示 台账.rectdesk" "$INST/我的 台账.rectdesk"
wine_run "$INST/uninstall.exe" /S
wineserver -w
for f in rectdesk.exe rectdesk-cli.exe uninstall.exe _internal; do
    [ ! -e "$INST/$f" ] || die "uninstaller left $INST_WIN\\$f"
done
[ ! -e "$LNK" ] || die "uninstaller left the Start-menu entry"
[ -z "$(reg_value 'Software\Classes\.rectdesk')" ] || die "uninstaller left the .rectdesk association"
[ -f "$INST/我的 台账.rectdesk" ] && [ -f "$APPDATA_REG" ] || die "uninstaller removed a register"
[ -n "$(find "$(dirname "$APPDATA_REG")/backups" -name '*.rectdesk')" ] || die "uninstaller removed the backups"
say "uninstaller: program, Start-menu entry and association removed; registers and backups kept"
