# shellcheck shell=bash
# Sourced by ./dev: a real local Kubernetes control plane (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, KWOK nodes) on 127.0.0.1, for the e2e tests and for
# trying Helmdeck without Minikube. The scripts live in tests/e2e/cluster/; binaries are built
# once from the Go module proxy into ~/.cache/helmdeck-cluster (about 10 CPU-minutes: 11 min on
# 2 busy cores the first time; a cached start is ready in under 10 s).
# Needs say() and die() from ./dev.

HELMDECK_CLUSTER_SCRIPTS="${ROOT:-.}/tests/e2e/cluster"

ensure_test_cluster_binaries() {
    command -v go >/dev/null 2>&1 || [[ -n $(ls -d "$HOME"/.cache/helmdeck-cluster/bin/*/ 2>/dev/null) ]] ||
        die "the test cluster needs Go >= 1.26 to build kube-apiserver, etcd and kwok"
    say "test cluster: kube-apiserver, etcd and kwok binaries (built once into ~/.cache/helmdeck-cluster)"
    "$HELMDECK_CLUSTER_SCRIPTS/build.sh" >/dev/null || die "building the test cluster binaries failed (see above)"
}

# Starts the cluster (idempotent) and exports KUBECONFIG and PATH (its kubectl) to the caller.
cluster_up() {
    ensure_test_cluster_binaries
    say "test cluster: starting on 127.0.0.1 (stand-in backend: build/bin/todo-chatbot)"
    local env_file
    env_file=$("$HELMDECK_CLUSTER_SCRIPTS/up.sh") || die "the test cluster did not start (logs: ~/.cache/helmdeck-cluster/run/logs)"
    # shellcheck source=/dev/null
    source "$env_file"
    say "test cluster: up; in your shell: source $env_file"
    say "then: helmdeck-cli run --target cluster, with release.set: {postgresql.enabled: \"false\"} in helmdeck.yaml (no volume provisioner here)"
}

cluster_down() {
    say "test cluster: stopping"
    "$HELMDECK_CLUSTER_SCRIPTS/down.sh" || die "the test cluster did not stop cleanly"
}
