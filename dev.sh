#!/usr/bin/env bash
# One set-up for both README commands: install what is missing, configure, build, then
#   ./dev.sh demo  [rolldeck args...]  launch the console on the embedded demo cluster
#   ./dev.sh test  [ctest args...]     run every test
#   ./dev.sh build                     only set up and build
#   ./dev.sh package                   build the Debian package (build/rolldeck_*.deb)
#   ./dev.sh packages                  print the Debian packages this list names (tests read it)
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${ROLLDECK_BUILD_DIR:-build}
# Everything the build, the tests, --demo and the package need. tst_dependencies checks that every file the
# build and the tests use comes from one of these or from what they pull in.
PACKAGES=(
    # build
    cmake ninja-build g++ pkg-config clang-format
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libyaml-cpp-dev qtkeychain-qt6-dev libssl-dev zlib1g-dev libcpp-httplib-dev nlohmann-json3-dev libbenchmark-dev
    libboost-math-dev libdtl-dev
    # loaded at run time: the X11 platform plugin, Qt's own translations
    qt6-qpa-plugins qt6-translations-l10n
    # run by the tests and --demo
    prometheus prometheus-alertmanager gnome-keyring dbus dbus-x11 xvfb xauth openssl curl
    # the Debian package: man pages, shlibdeps, validators
    help2man dpkg-dev desktop-file-utils appstream
    # the function-length check (tools/check-function-length.sh); bench/kube/compare_status.sh's /usr/bin/time
    universal-ctags time
    # the fuzz targets (tests/fuzz): clang with libFuzzer and the sanitizer runtimes
    clang libclang-rt-14-dev
)

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # The prometheus package starts a system service we do not want; tests start their own.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
        "${sudo[@]}" systemctl stop prometheus || true
    fi
}

build() {
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$BUILD_DIR" -j "$(nproc)"
}

# The console needs a display; say so in one line instead of Qt's platform-plugin abort.
check_display() {
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "dev.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset); run it as 'xvfb-run -a ./dev.sh demo'" \
            "or with QT_QPA_PLATFORM=offscreen" >&2
        exit 1
    fi
}

cmd=${1:-build}
[ $# -gt 0 ] && shift
if [ "$cmd" = packages ]; then
    printf '%s\n' "${PACKAGES[@]}"
    exit 0
fi
[ "$cmd" = demo ] && check_display
install_packages
build
case "$cmd" in
    demo)
        exec "$BUILD_DIR/app/rolldeck" --demo "$@"
        ;;
    package)
        cd "$BUILD_DIR"
        cpack -G DEB
        ls -1 "$PWD"/rolldeck_*.deb
        ;;
    test)
        cd "$BUILD_DIR"
        exec ctest --output-on-failure -j "$(nproc)" "$@"
        ;;
    build) ;;
    *)
        echo "usage: $0 demo|test|build|package|packages" >&2
        exit 2
        ;;
esac
