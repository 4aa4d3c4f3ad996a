#!/usr/bin/env bash
# Linux x86_64 bundle for old systems (Kylin V10: glibc 2.31), built in a Debian 11 chroot:
#
#   resources/packaging/linux/build_linux.sh         -> dist/rectdesk/ (glibc <= 2.31 checked)
#
# The chroot ($RECTDESK_BUILD_CACHE/bullseye, made once with debootstrap from Debian's packages)
# has Debian 11's libraries and a CPython 3.11 compiled in it from Debian 12's python3.11 source
# package (Debian 11 has only 3.9; the project needs 3.11). PyInstaller runs there, so libpython,
# the bootloader and every system library the bundle carries come from glibc 2.31; PySide6 is
# held at 6.9.3, the newest with manylinux_2_28 wheels. The script then lists the newest glibc
# each ELF file needs (glibc_needs.py), fails above 2.31, and self-tests the bundle inside the
# chroot, i.e. on Debian 11's own glibc and libraries.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
if [ -z "${WORK:-}" ]; then
    WORK="$(mktemp -d)"
    trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
fi
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

GLIBC_MAX=2.31
CHROOT="$CACHE/bullseye"
RECIPE=2  # bump when the chroot's packages or Python change: the next build remakes it
MIRROR="${RECTDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
START=$SECONDS

in_chroot() {  # in_chroot ROOT COMMAND...: own mount and pid namespaces, /proc for this run only
    local root=$1
    shift
    "${NICE[@]}" unshare --mount --pid --fork --mount-proc="$root/proc" \
        chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}

make_chroot() {  # Debian 11 + build tools + the libraries Qt loads + SQLite + CPython 3.11
    local new="$CHROOT.new"
    need_apt debootstrap
    rm -rf --one-file-system "$new"
    "${NICE[@]}" debootstrap --variant=minbase bullseye "$new" "$MIRROR" >/dev/null
    echo "deb-src $MIRROR bookworm main" > "$new/etc/apt/sources.list.d/bookworm-src.list"
    in_chroot "$new" apt-get update -qq
    in_chroot "$new" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        build-essential libssl-dev libffi-dev zlib1g-dev libsqlite3-dev libbz2-dev liblzma-dev \
        uuid-dev binutils ca-certificates dpkg-dev tcl \
        libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
        libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xfixes0 libxcb-shm0 libx11-xcb1 \
        fonts-wqy-microhei >/dev/null
    in_chroot "$new" sh -ec 'mkdir -p /build/src && cd /build/src
        apt-get source -d -qq python3.11 sqlite3'
    in_chroot "$new" sh -e < "$HERE/chroot_sqlite.sh"
    # Debian 12's python3.11 source package: its upstream tarball, built without PGO (minutes),
    # its sqlite3 module linked to that SQLite
    in_chroot "$new" sh -ec 'cd /build && tar xzf src/python3.11_*.orig.tar.gz && cd Python-3.11.*/
        ./configure -q --prefix=/opt/py311 --enable-shared CPPFLAGS=-I/opt/sqlite/include \
            LDFLAGS="-L/opt/sqlite/lib -Wl,-rpath,/opt/py311/lib:/opt/sqlite/lib"
        make -s -j2 >/build/make.log 2>&1 && make -s install >>/build/make.log 2>&1 \
            || { tail -30 /build/make.log; exit 1; }
        cd /build && rm -rf Python-3.11.*/
        /opt/py311/bin/python3.11 -c "import sqlite3, ssl, lzma, bz2, ctypes, uuid; assert sqlite3.sqlite_version_info >= (3, 40)"
        /opt/py311/bin/python3.11 -m venv /build/venv'
    rm -rf --one-file-system "$CHROOT"
    mv "$new" "$CHROOT"
    echo "$RECIPE" > "$CHROOT/.rectdesk-recipe"
}

t0=$SECONDS
if [ "$(cat "$CHROOT/.rectdesk-recipe" 2>/dev/null)" != "$RECIPE" ]; then
    make_chroot
    say "Debian 11 chroot with CPython 3.11 made in $((SECONDS - t0)) s: $CHROOT"
fi

t0=$SECONDS
SRC="$CHROOT/build/rectdesk"
rm -rf "$SRC" "$CHROOT/build/dist" "$CHROOT/build/work"
mkdir -p "$SRC"
tar -C "$ROOT" --exclude=__pycache__ -cf - rectdesk resources build_installer.spec pyproject.toml \
    | tar -C "$SRC" -xf -
# The wheels come through this machine's pip (its certificates and index settings) for the
# chroot's platform (glibc 2.31, CPython 3.11); the chroot's pip installs them offline.
mapfile -t REQS < <(project_requirements)
PIP_LINUX=(--python-version 3.11 --only-binary=:all: -c "$ROOT/resources/packaging/constraints.txt")
for minor in $(seq 31 -1 17); do PIP_LINUX+=(--platform "manylinux_2_${minor}_x86_64"); done
PIP_LINUX+=(--platform manylinux2014_x86_64)  # pip does not widen --platform by itself
host_pip download -q "${PIP_LINUX[@]}" -d "$CHROOT/build/wheels" "${REQS[@]}"
in_chroot "$CHROOT" /build/venv/bin/python -m pip install -q --disable-pip-version-check \
    --no-index --find-links /build/wheels -c /build/rectdesk/resources/packaging/constraints.txt \
    "${REQS[@]}"
# PYTHONPATH: the spec's collect_submodules("rectdesk") imports the package in a subprocess
in_chroot "$CHROOT" sh -c 'cd /build/rectdesk && PYTHONPATH=/build/rectdesk /build/venv/bin/pyinstaller \
    --noconfirm --log-level WARN --distpath /build/dist --workpath /build/work build_installer.spec' \
    2>&1 | { grep -v "qt.tlsbackend.ossl: Incompatible version of OpenSSL" || true; }
rm -rf "$ROOT/dist/rectdesk" && mkdir -p "$ROOT/dist"
cp -a "$CHROOT/build/dist/rectdesk" "$ROOT/dist/rectdesk"
say "Linux bundle built in the Debian 11 chroot in $((SECONDS - t0)) s"

python3 "$HERE/glibc_needs.py" "$ROOT/dist/rectdesk" --max "$GLIBC_MAX" > "$WORK/glibc.txt" \
    || { cat "$WORK/glibc.txt"; die "the bundle needs a glibc newer than $GLIBC_MAX"; }
head -5 "$WORK/glibc.txt" | sed 's/^/    /'
say "$(tail -2 "$WORK/glibc.txt" | tr '\n' ' ')"

QT_QPA_PLATFORM=offscreen selftest "bundle on Debian 11 (chroot)" "$CHROOT/build/dist/rectdesk" \
    in_chroot "$CHROOT" env QT_QPA_PLATFORM=offscreen HOME=/tmp /build/dist/rectdesk/rectdesk --selftest
say "Linux (Debian 11 chroot): done in $((SECONDS - START)) s"
