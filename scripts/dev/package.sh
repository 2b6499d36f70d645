# shellcheck shell=bash
# Packaging for ./dev (sourced; ./dev defines ROOT, say and die).
#   ensure_packaging_tools  the tools CPack and tests/installer use (dpkg-shlibdeps, lintian, …)
#   build_packages          a Release build in build-release/, then cpack -G "DEB;TGZ"; prints
#                           the packages and their sizes

HELMDECK_PACKAGING_APT_PACKAGES=(dpkg-dev lintian desktop-file-utils appstream librsvg2-bin)

ensure_packaging_tools() {
    if declare -F ensure_apt_packages >/dev/null; then
        ensure_apt_packages "${HELMDECK_PACKAGING_APT_PACKAGES[@]}"
    fi
}

build_packages() {
    local dir="$ROOT/build-release"
    ensure_packaging_tools
    cd "$ROOT" || die "cannot enter $ROOT"
    # No tests in a packaging build: they are not shipped and take most of the compile time.
    say "configuring (cmake --preset release → build-release/, without tests)"
    cmake --preset release -DBUILD_TESTING=OFF >/dev/null ||
        die "cmake configure failed (run: cmake --preset release)"
    say "building with $(nproc) jobs"
    cmake --build --preset release -- -j"$(nproc)" || die "build failed"
    say "packaging (cpack -G \"DEB;TGZ\" in build-release/)"
    rm -f "$dir"/helmdeck_*.deb "$dir"/helmdeck-*.tar.gz
    (cd "$dir" && cpack -G "DEB;TGZ" >/dev/null) || die "cpack failed (run: cd build-release && cpack -G DEB --verbose)"
    local package
    for package in "$dir"/helmdeck_*.deb "$dir"/helmdeck-*.tar.gz; do
        [[ -e "$package" ]] || die "cpack wrote no ${package##*/}"
        printf '%s\t%s\n' "$(du -h "$package" | cut -f1)" "${package#"$ROOT"/}"
    done
    say "install with: sudo apt install ./$(basename "$dir"/helmdeck_*.deb)"
}
