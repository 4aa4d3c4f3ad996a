# Shared by the packaging scripts (sourced, not run). Expects ROOT and WORK to be set.
# CACHE keeps what the builds download (Debian 11 chroot, Windows Python and wheels) outside
# the repository; everything in it is recreated when missing.
CACHE="${RECTDESK_BUILD_CACHE:-/var/cache/rectdesk-build}"
MAX_MB=220
NICE=(nice -n 15)  # the build machine is shared: every heavy step yields
export LANG=C.UTF-8 LC_ALL=C.UTF-8  # Wine maps the Chinese paths through the locale

say() { echo "package: $*"; }
die() { say "FAILED: $*"; exit 1; }

need_apt() {  # need_apt PACKAGE...: install the Debian packages that are missing
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "apt-get install ${missing[*]}"
    "${NICE[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${NICE[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

size_mb() { echo $(( $(du -sk "$1" | cut -f1) / 1024 )); }

check_size() {  # check_size LABEL DIR: print the size, fail above MAX_MB
    local mb
    mb=$(size_mb "$2")
    say "$1: $2, ${mb} MB unpacked (limit ${MAX_MB} MB)"
    [ "$mb" -le "$MAX_MB" ] || die "$1 is larger than ${MAX_MB} MB"
}

snapshot() {  # every path, size and mtime under $1
    (cd "$1" && find . -printf '%p %s %T@\n' | LC_ALL=C sort)
}

selftest() {  # selftest LABEL INSTALL_DIR COMMAND...: `COMMAND --selftest`-style run
    # The output goes through a pipe: Wine's Python cannot open a redirected file as stdout.
    local label=$1 dir=$2 t0=$SECONDS
    shift 2
    snapshot "$dir" > "$WORK/before"
    chmod -R a-w "$dir"
    mkdir -p "$WORK/home"
    if ! (cd "$WORK" && HOME="$WORK/home" "$@" 2>&1 </dev/null | cat > "$WORK/selftest.out"; \
          exit "${PIPESTATUS[0]}"); then
        chmod -R u+w "$dir"; cat "$WORK/selftest.out"; die "$label: self-test failed"
    fi
    chmod -R u+w "$dir"
    grep -q '^selftest: ok' "$WORK/selftest.out" || { cat "$WORK/selftest.out"; die "$label: no 'selftest: ok'"; }
    snapshot "$dir" > "$WORK/after"
    if ! diff -q "$WORK/before" "$WORK/after" >/dev/null; then
        diff "$WORK/before" "$WORK/after" | head -20
        die "$label: the self-test wrote into its install folder"
    fi
    sed 's/^/    /' "$WORK/selftest.out"
    say "$label: selftest ok ($((SECONDS - t0)) s)"
}

project_requirements() {  # the run-time dependencies and the build extra, one per line
    python3 - "$ROOT/pyproject.toml" <<'PY'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
PY
}

host_pip() {  # this machine's pip, without the notes its configuration prints for every package
    "${NICE[@]}" python3 -m pip "$@" 2>&1 | { grep -v "is ignored: it is neither\|Running pip as the 'root'" || true; }
    return "${PIPESTATUS[0]}"
}

wine_run() {  # through a pipe: Wine's CPython cannot use a redirected file as stdout
    "${NICE[@]}" wine "$@" </dev/null 2>&1 | cat
    return "${PIPESTATUS[0]}"
}

wine_prefix() {  # wine_prefix DIR: use (and make) the Wine prefix DIR, Qt set to run headless
    export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEPREFIX="$1"
    [ -f "$WINEPREFIX/system.reg" ] || wine_run wineboot -i >/dev/null
    # Wine does not pass QT_* variables on to Windows programs; its registry environment does
    wine_run reg add 'HKCU\Environment' /v QT_QPA_PLATFORM /d offscreen /f >/dev/null
    wineserver -w
}
