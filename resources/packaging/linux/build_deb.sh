#!/usr/bin/env bash
# Build rectdesk_<version>_<arch>.deb from the PyInstaller bundle.
#
#   resources/packaging/linux/build_deb.sh [BUNDLE_DIR] [OUT_DIR]
#
# BUNDLE_DIR defaults to dist/rectdesk (from `pyinstaller build_installer.spec`), OUT_DIR to dist/.
# Installs the bundle under /opt/rectdesk, a /usr/bin/rectdesk launcher, the .desktop entry
# (整改台账) and the icons; dpkg's triggers refresh the menu and icon caches, so there are no
# maintainer scripts. Prints the path of the .deb on the last line.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/rectdesk}" && pwd)"
OUT="${2:-$ROOT/dist}"

[ -x "$BUNDLE/rectdesk" ] || { echo "build_deb: no bundle at $BUNDLE (run pyinstaller build_installer.spec)" >&2; exit 1; }
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/rectdesk/__init__.py")"
[ -n "$VERSION" ] || { echo "build_deb: no __version__ in rectdesk/__init__.py" >&2; exit 1; }
ARCH="$(dpkg --print-architecture)"  # amd64, arm64: the bundle's own architecture

# The newest glibc symbol version any bundled binary asks for: the system must have at least that.
GLIBC="$(python3 "$HERE/glibc_needs.py" --highest "$BUNDLE" 2>/dev/null || true)"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
chmod 0755 "$STAGE"  # mktemp made it 0700: it becomes the package root "./"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/rectdesk"
install -m 0755 "$HERE/rectdesk.sh" "$STAGE/usr/bin/rectdesk"
install -m 0644 "$HERE/rectdesk.desktop" "$STAGE/usr/share/applications/rectdesk.desktop"
cp -a "$HERE/icons/hicolor/." "$STAGE/usr/share/icons/hicolor/"
install -m 0644 "$ROOT/resources/icons/rectdesk.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/rectdesk.svg"
chmod -R u+rwX,go+rX,go-w "$STAGE/opt" "$STAGE/usr"

SIZE_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
# libcups2 is recommended, not bundled: Qt's print plugin uses the system's CUPS and its settings.
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: rectdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: RectDesk <rectdesk@localhost>
Installed-Size: $SIZE_KB
Depends: libc6${GLIBC:+ (>= $GLIBC)}, libgl1, libegl1, libxcb1, libfontconfig1
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei, libcups2
Section: misc
Priority: optional
Homepage: https://localhost/rectdesk
Description: RectDesk 整改台账桌面系统 (offline rectification register)
 Keeps the register of problems found by an inspection, their measures,
 deadlines, owners, progress and evidence, and exports the bulletin (Word,
 GB/T 9704-2012) and the ledger (Excel). Works offline; self-contained
 (Python and Qt are bundled under /opt/rectdesk). Check an installation
 with: rectdesk --selftest
CONTROL

mkdir -p "$OUT"
DEB="$OUT/rectdesk_${VERSION}_${ARCH}.deb"
# gzip: every dpkg reads it (zstd needs dpkg >= 1.21.18; UOS 20 has 1.19) and it packs 190 MB
# in well under a minute where xz took five on the 2-core CI machine.
dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$DEB" >/dev/null
echo "bundle: $(du -sh "$BUNDLE" | cut -f1) unpacked, needs glibc >= ${GLIBC:-?}"
echo "package: $(du -h "$DEB" | cut -f1)"
echo "$DEB"
