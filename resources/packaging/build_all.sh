#!/usr/bin/env bash
# CI packaging step, standalone too (installs what it needs with apt-get; downloads are kept in
# $RECTDESK_BUILD_CACHE, default /var/cache/rectdesk-build, and reused):
#
#   resources/packaging/build_all.sh
#
# Linux: the bundle is built in a Debian 11 chroot (linux/build_linux.sh: glibc <= 2.31 checked
# per ELF file, self-tested on Debian 11), self-tested again here (Debian 12) on offscreen and,
# under xvfb-run, on xcb; then the .deb is built, unpacked into a temporary root (dpkg -x) and
# its /usr/bin/rectdesk self-tested. Windows: windows/build_windows.sh builds the bundle and the
# NSIS installer under Wine and self-tests both. Every step is required: any failure fails the
# script. Each self-test runs with HOME in a temporary folder and fails if it changed its
# install folder in any way.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
export WORK
# shellcheck source=lib.sh
source "$ROOT/resources/packaging/lib.sh"
START=$SECONDS

need_apt debootstrap binutils dpkg-dev xvfb xauth wine wine64 nsis unzip

resources/packaging/linux/build_linux.sh
BUNDLE="$ROOT/dist/rectdesk"
check_size "Linux bundle" "$BUNDLE"
QT_QPA_PLATFORM=offscreen selftest "Linux bundle on this machine" "$BUNDLE" "$BUNDLE/rectdesk" --selftest
selftest "Linux bundle on xcb" "$BUNDLE" \
    env -u QT_QPA_PLATFORM RECTDESK_SELFTEST_GRAB="$ROOT/dist/selftest-window.png" \
    xvfb-run -a -s "-screen 0 1366x768x24" "$BUNDLE/rectdesk" --selftest
say "the frozen main window as painted on xcb: dist/selftest-window.png"

t0=$SECONDS
DEB_LOG="$("${NICE[@]}" resources/packaging/linux/build_deb.sh "$BUNDLE" "$ROOT/dist")"
sed 's/^/    /' <<<"$DEB_LOG"
DEB="$(tail -1 <<<"$DEB_LOG")"
say "deb built in $((SECONDS - t0)) s: $DEB ($(du -h "$DEB" | cut -f1))"
mkdir "$WORK/root"
dpkg -x "$DEB" "$WORK/root"
for f in usr/bin/rectdesk usr/share/applications/rectdesk.desktop \
         usr/share/icons/hicolor/48x48/apps/rectdesk.png opt/rectdesk/rectdesk; do
    [ -e "$WORK/root/$f" ] || die "missing from the .deb: /$f"
done
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$WORK/root/usr/share/applications/rectdesk.desktop"
fi
QT_QPA_PLATFORM=offscreen selftest "installed .deb" "$WORK/root/opt/rectdesk" \
    "$WORK/root/usr/bin/rectdesk" --selftest
say "Linux done at $((SECONDS - START)) s"

resources/packaging/windows/build_windows.sh

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' rectdesk/__init__.py)"
say "sizes: Linux bundle $(size_mb "$BUNDLE") MB, $(basename "$DEB") $(du -m "$DEB" | cut -f1) MB;" \
    "Windows bundle $(size_mb dist/windows/rectdesk) MB, rectdesk-$VERSION-setup.exe" \
    "$(du -m "dist/rectdesk-$VERSION-setup.exe" | cut -f1) MB"
say "all done in $((SECONDS - START)) s"
