# shellcheck shell=bash
# Sourced by ./dev: makes `helm` and `kube-score` available for the chart and its tests.
# Needs say() (prints a step) and die() (prints a one-line reason, exits 1) from ./dev.
# Both tools come from the Go module proxy with `go install`, pinned, into $(go env GOPATH)/bin.
# On 2 cores the first helm build takes about 2.5 minutes, kube-score about 1.5; after that
# both calls return at once.

# helm 3.18.x builds with Go >= 1.24. Its k8s.io/client-go is v0.33, hence Kubernetes 1.33 below.
HELMDECK_HELM_VERSION="v3.18.6"
HELMDECK_HELM_KUBE_MINOR="33"
# kube-linter's module (golang.stackrox.io/kube-linter) is not served by the Go module proxy
# here, so kube-score, a Go-installable Kubernetes manifest linter, does the static analysis.
HELMDECK_KUBE_SCORE_VERSION="v1.20.0"

# Prints the directory `go install` writes to.
helmdeck_go_bin_dir() {
    local gobin
    gobin=$(go env GOBIN 2>/dev/null)
    [[ -n $gobin ]] || gobin="$(go env GOPATH)/bin"
    printf '%s\n' "$gobin"
}

# Puts the Go bin directory (and ~/go/bin) at the front of PATH, once.
helmdeck_export_go_bin_path() {
    local dir
    for dir in "$HOME/go/bin" "$(command -v go >/dev/null 2>&1 && helmdeck_go_bin_dir)"; do
        [[ -n $dir ]] || continue
        case ":$PATH:" in
            *":$dir:"*) ;;
            *) PATH="$dir:$PATH" ;;
        esac
    done
    export PATH
}

# Prints the module version a Go-built binary was installed at, or nothing.
helmdeck_go_module_version() {
    go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

ensure_helm() {
    helmdeck_export_go_bin_path
    local helm_path version
    helm_path=$(command -v helm || true)
    if [[ -n $helm_path ]]; then
        version=$("$helm_path" version --template '{{.Version}}' 2>/dev/null || true)
        if [[ $version == v3.* ]]; then
            say "helm: using $helm_path ($version)"
            return 0
        fi
        say "helm: $helm_path is ${version:-of unknown version}, not Helm 3; installing $HELMDECK_HELM_VERSION beside it"
    fi
    command -v go >/dev/null 2>&1 || die "helm is missing and so is go to build it (install Go >= 1.24, then run ./dev setup)"
    local gobin
    gobin=$(helmdeck_go_bin_dir)
    say "helm: go install helm.sh/helm/v3/cmd/helm@$HELMDECK_HELM_VERSION into $gobin (about 2-3 minutes the first time)"
    # The same -X flags as Helm's release Makefile: without them `helm version` prints a bare
    # "v3.18" and `helm template` assumes Kubernetes 1.20.
    local pkg=helm.sh/helm/v3
    local ldflags="-s -w -X $pkg/internal/version.version=$HELMDECK_HELM_VERSION"
    ldflags+=" -X $pkg/pkg/chartutil.k8sVersionMajor=1 -X $pkg/pkg/chartutil.k8sVersionMinor=$HELMDECK_HELM_KUBE_MINOR"
    ldflags+=" -X $pkg/pkg/lint/rules.k8sVersionMajor=1 -X $pkg/pkg/lint/rules.k8sVersionMinor=$HELMDECK_HELM_KUBE_MINOR"
    go install -ldflags "$ldflags" "$pkg/cmd/helm@$HELMDECK_HELM_VERSION" \
        || die "go install helm.sh/helm/v3/cmd/helm@$HELMDECK_HELM_VERSION failed (is the Go module proxy reachable?)"
    hash -r
    [[ -x $gobin/helm ]] || die "go install reported success but $gobin/helm is missing"
    say "helm: installed $("$gobin/helm" version --template '{{.Version}}') at $gobin/helm"
}

ensure_kube_score() {
    helmdeck_export_go_bin_path
    local score_path
    score_path=$(command -v kube-score || true)
    if [[ -n $score_path ]]; then
        local version
        version=$(helmdeck_go_module_version "$score_path")
        say "kube-score: using $score_path (${version:-version unknown})"
        return 0
    fi
    command -v go >/dev/null 2>&1 || die "kube-score is missing and so is go to build it (install Go, then run ./dev setup)"
    local gobin
    gobin=$(helmdeck_go_bin_dir)
    say "kube-score: go install github.com/zegl/kube-score/cmd/kube-score@$HELMDECK_KUBE_SCORE_VERSION into $gobin (about 1-2 minutes the first time)"
    go install "github.com/zegl/kube-score/cmd/kube-score@$HELMDECK_KUBE_SCORE_VERSION" \
        || die "go install github.com/zegl/kube-score/cmd/kube-score@$HELMDECK_KUBE_SCORE_VERSION failed (is the Go module proxy reachable?)"
    hash -r
    [[ -x $gobin/kube-score ]] || die "go install reported success but $gobin/kube-score is missing"
    say "kube-score: installed $HELMDECK_KUBE_SCORE_VERSION at $gobin/kube-score"
}

# The chart's static analysis was specified as kube-linter; its module is not served here,
# so this name installs the linter the chart tests actually run.
ensure_kube_linter() {
    say "kube-linter: golang.stackrox.io/kube-linter is not served by the Go module proxy; kube-score lints the chart instead"
    ensure_kube_score
}

# Both chart tools; ./dev setup and ./dev test call this.
ensure_helm_tools() {
    ensure_helm
    ensure_kube_score
}
