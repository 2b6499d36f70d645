# shellcheck shell=bash
# Sourced by ./dev: what the web UI (services/web) and its tests need.
#   Node and npm (Debian's, unless a Node is already installed: NodeSource's bundles its own npm
#   and conflicts with Debian's npm package), Chromium for the real-browser tests, and
#   ensure_web_packages: `npm ci` in services/web from the committed lockfile, when it changed.

APT_PACKAGES+=(chromium)
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)

HELMDECK_WEB_DIR="$ROOT/services/web"

ensure_web_packages() {
    local lock="$HELMDECK_WEB_DIR/package-lock.json" stamp="$HELMDECK_WEB_DIR/node_modules/.helmdeck-lock.sha256"
    command -v npm >/dev/null || die "npm is missing (apt-get install nodejs npm)"
    local want
    want="$(sha256sum "$lock" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(<"$stamp")" == "$want" ]]; then
        say "web: services/web/node_modules matches package-lock.json (node $(node --version))"
        return
    fi
    say "web: npm ci in services/web (node $(node --version), npm $(npm --version))"
    (cd "$HELMDECK_WEB_DIR" && npm ci --no-audit --no-fund --loglevel=warn) ||
        die "npm ci in services/web failed (is the npm registry reachable?)"
    printf '%s\n' "$want" >"$stamp"
}
SETUP_STEPS+=(ensure_web_packages)
