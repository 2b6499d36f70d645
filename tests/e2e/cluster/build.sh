#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kubelet,
# kube-proxy and kwok at the versions pinned in binaries/go.mod, CoreDNS (coredns/go.mod),
# local-path-provisioner and the pause program into ~/.cache/helmdeck-cluster/bin/<pins>/. Idempotent: a
# complete build is reused. Cold, on 2 cores, it takes several minutes; warm it returns at once.
# Usage: build.sh   (prints the bin directory on stdout; progress goes to stderr)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/e2e/cluster/versions.sh
source "$HERE/versions.sh"
# shellcheck source=tests/e2e/cluster/common.sh
source "$HERE/common.sh"

bin_dir=$(cluster_bin_dir)
# One build at a time (./dev setup and a test may both ask); the second one then finds it done.
mkdir -p "$HELMDECK_CLUSTER_CACHE"
exec 9>"$HELMDECK_CLUSTER_CACHE/build.lock"
flock 9
if cluster_binaries_complete "$bin_dir"; then
    log "binaries: cached in $bin_dir"
    printf '%s\n' "$bin_dir"
    exit 0
fi

command -v go >/dev/null 2>&1 || fail "go is missing: install Go >= 1.26 to build the cluster binaries"

export GOCACHE="$HELMDECK_CLUSTER_CACHE/go-build"
export GOFLAGS="-mod=readonly -trimpath"
export CGO_ENABLED=0
mkdir -p "$GOCACHE" "$bin_dir.tmp"

# The same -X flags as Kubernetes' hack/lib/version.sh: without them the apiserver reports
# v0.0.0, and helm refuses a chart with a kubeVersion constraint (ours: >=1.25.0-0).
k8s_minor=${HELMDECK_CLUSTER_K8S_VERSION#v1.}
k8s_minor=${k8s_minor%%.*}
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$HELMDECK_CLUSTER_K8S_VERSION -X $pkg.gitMajor=1"
    ldflags+=" -X $pkg.gitMinor=$k8s_minor -X $pkg.gitTreeState=clean"
    ldflags+=" -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
ldflags+=" -X sigs.k8s.io/kwok/pkg/consts.Version=$HELMDECK_CLUSTER_KWOK_VERSION"

log "binaries: building Kubernetes $HELMDECK_CLUSTER_K8S_VERSION (control plane and node), etcd $HELMDECK_CLUSTER_ETCD_VERSION, KWOK $HELMDECK_CLUSTER_KWOK_VERSION, CoreDNS $HELMDECK_CLUSTER_COREDNS_VERSION and local-path-provisioner $HELMDECK_CLUSTER_LOCAL_PATH_VERSION (several minutes the first time)"
started=$SECONDS
cd "$HERE/binaries"
nice -n 19 go build -ldflags "$ldflags" -o "$bin_dir.tmp/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl \
    k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy sigs.k8s.io/kwok/cmd/kwok
# A module path ending in /v3 names its binary after the element before it.
nice -n 19 go build -ldflags "-s -w" -o "$bin_dir.tmp/etcd" go.etcd.io/etcd/server/v3
# The node's add-ons. CoreDNS from its own wrapper module (only the plugins we use); the
# provisioner's module has no replace directives, so `go install` takes it as published.
(cd "$HERE/coredns" && nice -n 19 go build -ldflags "-s -w" -o "$bin_dir.tmp/coredns" .)
GOBIN="$bin_dir.tmp" GOFLAGS=-trimpath nice -n 19 go install -ldflags "-s -w" \
    "github.com/rancher/local-path-provisioner@$HELMDECK_CLUSTER_LOCAL_PATH_VERSION"
# The pod sandbox's pause process: static, for an image FROM scratch.
command -v gcc >/dev/null 2>&1 || fail "gcc is missing: apt-get install build-essential"
gcc -Os -static -s -o "$bin_dir.tmp/pause" "$HERE/images/pause.c" ||
    fail "gcc could not build the static pause binary (needs libc6-dev)"
# KWOK's default stages (what kwokctl uses: nodes Ready at once, pods Running and Ready) and
# the CRDs of the port-forward and log rules, taken from the same module version.
kwok_dir=$(go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
stages=(node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete)
for stage in "${stages[@]}"; do
    printf -- '---\n'
    cat "$kwok_dir/kustomize/stage/$stage.yaml"
done >"$bin_dir.tmp/kwok-stages.yaml"
for crd in portforwards clusterportforwards logs clusterlogs; do
    printf -- '---\n'
    cat "$kwok_dir/kustomize/crd/bases/kwok.x-k8s.io_$crd.yaml"
done >"$bin_dir.tmp/kwok-crds.yaml"
rm -rf "$bin_dir"
mv "$bin_dir.tmp" "$bin_dir"
cluster_binaries_complete "$bin_dir" || fail "build finished but $bin_dir lacks a binary"
log "binaries: built in $((SECONDS - started)) s into $bin_dir"
printf '%s\n' "$bin_dir"
