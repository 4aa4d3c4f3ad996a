#!/usr/bin/env bash
# CI packaging step: build the PyInstaller bundle, self-test it, build the .deb, unpack it into a
# temporary root (dpkg -x) and self-test the installed launcher. Standalone:
#
#   resources/packaging/build_all.sh          (from anywhere; needs pyinstaller, dpkg-deb)
#
# Both self-tests run with QT_QPA_PLATFORM=offscreen, HOME in a temporary folder, and the
# installed tree made read-only; each must leave its install folder exactly as it found it.
# With xvfb-run present the bundle is also self-tested on the xcb platform plugin desktops use.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
MAX_MB=220
START=$SECONDS
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

say() { echo "package: $*"; }

snapshot() {  # every path, size and mtime under $1
    (cd "$1" && find . -printf '%p %s %T@\n' | LC_ALL=C sort)
}

selftest() {  # selftest LABEL INSTALL_DIR COMMAND...
    local label=$1 dir=$2
    shift 2
    snapshot "$dir" > "$WORK/before"
    chmod -R a-w "$dir"
    local t0=$SECONDS
    (cd "$WORK" && HOME="$WORK/home" "$@" > "$WORK/selftest.out" 2>&1) || {
        cat "$WORK/selftest.out"; say "$label: self-test FAILED"; exit 1; }
    chmod -R u+w "$dir"
    grep -q '^selftest: ok$' "$WORK/selftest.out" || { cat "$WORK/selftest.out"; exit 1; }
    snapshot "$dir" > "$WORK/after"
    if ! diff -q "$WORK/before" "$WORK/after" >/dev/null; then
        diff "$WORK/before" "$WORK/after" | head -20
        say "$label: the self-test wrote into its install folder"
        exit 1
    fi
    sed 's/^/    /' "$WORK/selftest.out"
    say "$label: selftest ok ($((SECONDS - t0)) s)"
}

t0=$SECONDS
pyinstaller --noconfirm --log-level WARN build_installer.spec
BUNDLE="$ROOT/dist/rectdesk"
SIZE_MB=$(( $(du -sk "$BUNDLE" | cut -f1) / 1024 ))
say "bundle built in $((SECONDS - t0)) s: $BUNDLE, ${SIZE_MB} MB unpacked (target <= ${MAX_MB} MB)"
[ "$SIZE_MB" -le "$MAX_MB" ] || { say "bundle too large"; exit 1; }

mkdir -p "$WORK/home"
QT_QPA_PLATFORM=offscreen selftest "frozen bundle" "$BUNDLE" "$BUNDLE/rectdesk" --selftest
if command -v xvfb-run >/dev/null; then
    selftest "frozen bundle on xcb" "$BUNDLE" \
        env -u QT_QPA_PLATFORM RECTDESK_SELFTEST_GRAB="$ROOT/dist/selftest-window.png" \
        xvfb-run -a -s "-screen 0 1366x768x24" "$BUNDLE/rectdesk" --selftest
    say "the frozen main window as painted on xcb: dist/selftest-window.png"
fi

t0=$SECONDS
DEB_LOG="$(resources/packaging/linux/build_deb.sh "$BUNDLE" "$ROOT/dist")"
sed 's/^/    /' <<<"$DEB_LOG"
DEB="$(tail -1 <<<"$DEB_LOG")"
say "deb built in $((SECONDS - t0)) s: $DEB ($(du -h "$DEB" | cut -f1))"

mkdir "$WORK/root"
dpkg -x "$DEB" "$WORK/root"
for f in usr/bin/rectdesk usr/share/applications/rectdesk.desktop \
         usr/share/icons/hicolor/48x48/apps/rectdesk.png opt/rectdesk/rectdesk; do
    [ -e "$WORK/root/$f" ] || { say "missing from the .deb: /$f"; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$WORK/root/usr/share/applications/rectdesk.desktop"
fi
QT_QPA_PLATFORM=offscreen selftest "installed .deb" "$WORK/root/opt/rectdesk" \
    "$WORK/root/usr/bin/rectdesk" --selftest

say "all done in $((SECONDS - START)) s"
