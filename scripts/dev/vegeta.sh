# shellcheck shell=bash
# Sourced by ./dev and by bench/backend: makes vegeta, an open-model HTTP load generator, available.
# Needs say() and die(). wrk is closed-loop (a slow answer delays the next request, so a paced
# script under-offers); vegeta sends at a fixed rate and times each request from its intended send.
# Pinned, built with `go install` into build/tools/ (GOBIN), so it never touches ~/go/bin.

HELMDECK_VEGETA_VERSION="v12.13.0"

# Prints the path of a vegeta binary at the pinned version, installing it first if needed.
ensure_vegeta() {
    local tools="$ROOT/build/tools" vegeta="$ROOT/build/tools/vegeta"
    if [[ -x $vegeta ]] &&
        go version -m "$vegeta" 2>/dev/null | awk '$1 == "mod" { print $3 }' | grep -qx "$HELMDECK_VEGETA_VERSION"; then
        say "vegeta: using $vegeta ($HELMDECK_VEGETA_VERSION)"
        printf '%s\n' "$vegeta"
        return 0
    fi
    command -v go >/dev/null || die "vegeta is missing and so is go (install Go >= 1.22 to build it)"
    say "vegeta: go install github.com/tsenart/vegeta/v12@$HELMDECK_VEGETA_VERSION → build/tools/"
    mkdir -p "$tools"
    GOBIN="$tools" go install "github.com/tsenart/vegeta/v12@$HELMDECK_VEGETA_VERSION" >&2 ||
        die "go install vegeta $HELMDECK_VEGETA_VERSION failed (is the Go module proxy reachable?)"
    [[ -x $vegeta ]] || die "go install left no vegeta binary in build/tools/"
    printf '%s\n' "$vegeta"
}
