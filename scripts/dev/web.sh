# shellcheck shell=bash
# Sourced by ./dev: what the web UI (services/web) and its tests need.
#   Node and npm (Debian's, unless a Node is already installed: NodeSource's bundles its own npm
#   and conflicts with Debian's npm package), Chromium for the real-browser tests, and
#   ensure_web_packages: `npm ci` in services/web from the committed lockfile, and the offline
#   npm cache of the production dependencies that the web image's build stage installs from
#   (services/web/.npm-offline: build containers cannot reach the registry here).

APT_PACKAGES+=(chromium)
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)

HELMDECK_WEB_DIR="$ROOT/services/web"

# Prints the lockfile's hash: the stamps below record it.
_web_lock_hash() { sha256sum "$HELMDECK_WEB_DIR/package-lock.json" | cut -d' ' -f1; }

ensure_web_packages() {
    command -v npm >/dev/null || die "npm is missing (apt-get install nodejs npm)"
    local want stamp="$HELMDECK_WEB_DIR/node_modules/.helmdeck-lock.sha256"
    want="$(_web_lock_hash)"
    if [[ -f "$stamp" && "$(<"$stamp")" == "$want" ]]; then
        say "web: services/web/node_modules matches package-lock.json (node $(node --version))"
    else
        say "web: npm ci in services/web (node $(node --version), npm $(npm --version))"
        (cd "$HELMDECK_WEB_DIR" && npm ci --no-audit --no-fund --loglevel=warn) ||
            die "npm ci in services/web failed (is the npm registry reachable?)"
        printf '%s\n' "$want" >"$stamp"
    fi
    ensure_web_offline_cache
}
SETUP_STEPS+=(ensure_web_packages)

# The production dependencies' tarballs, for `npm ci --offline` in dockerfiles/web.Dockerfile.
ensure_web_offline_cache() {
    local cache="$HELMDECK_WEB_DIR/.npm-offline" want scratch
    want="$(_web_lock_hash)"
    if [[ -f "$cache/.helmdeck-lock.sha256" && "$(<"$cache/.helmdeck-lock.sha256")" == "$want" ]]; then
        say "web: the image's offline npm cache matches package-lock.json"
        return
    fi
    say "web: filling services/web/.npm-offline with the production dependencies (for the image build)"
    scratch="$(mktemp -d)"
    cp "$HELMDECK_WEB_DIR/package.json" "$HELMDECK_WEB_DIR/package-lock.json" "$scratch/"
    rm -rf "$cache"
    (cd "$scratch" && npm ci --omit=dev --ignore-scripts --cache "$cache" --no-audit --no-fund --loglevel=warn) ||
        { rm -rf "$scratch"; die "npm ci --omit=dev for the offline cache failed (is the npm registry reachable?)"; }
    rm -rf "$scratch" "$cache/_logs"
    printf '%s\n' "$want" >"$cache/.helmdeck-lock.sha256"
}
