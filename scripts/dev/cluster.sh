# shellcheck shell=bash
# Sourced by ./dev: a real local Kubernetes (etcd, kube-apiserver, kube-controller-manager and
# kube-scheduler on 127.0.0.1, and a real node: containerd, kubelet, kube-proxy, CoreDNS, a
# default StorageClass), for the e2e tests and for trying Helmdeck without Minikube. The scripts
# live in tests/e2e/cluster/; binaries are built once from the Go module proxy into
# ~/.cache/helmdeck-cluster.
# Needs say() and die() from ./dev.

HELMDECK_CLUSTER_SCRIPTS="${ROOT:-.}/tests/e2e/cluster"
# The real node's runtime and network: Debian's containerd (docker.io brings it too), runc, the
# CNI plugins, and the tools the scripts drive them with.
APT_PACKAGES+=(containerd runc containernetworking-plugins iproute2 iptables conntrack openssl libc6-dev)

ensure_test_cluster_binaries() {
    command -v go >/dev/null 2>&1 || [[ -n $(ls -d "$HOME"/.cache/helmdeck-cluster/bin/*/ 2>/dev/null) ]] ||
        die "the test cluster needs Go >= 1.26 to build kube-apiserver, etcd and kwok"
    say "test cluster: control plane, kubelet, kube-proxy, CoreDNS and local-path-provisioner (built once into ~/.cache/helmdeck-cluster)"
    "$HELMDECK_CLUSTER_SCRIPTS/build.sh" >/dev/null || die "building the test cluster binaries failed (see above)"
}

# Starts the cluster (idempotent) and exports KUBECONFIG and PATH (its kubectl) to the caller.
cluster_up() {
    ensure_test_cluster_binaries
    say "test cluster: starting a control plane on 127.0.0.1 and a real node (containerd, kubelet, kube-proxy; pods on bridge helmdeck0)"
    local env_file
    env_file=$("$HELMDECK_CLUSTER_SCRIPTS/up.sh") || die "the test cluster did not start (logs: ~/.cache/helmdeck-cluster/run/logs)"
    # shellcheck source=/dev/null
    source "$env_file"
    say "test cluster: up; in your shell: source $env_file"
    say "then: helmdeck-cli run --target cluster --profile tests/e2e/cluster/helmdeck.yaml"
}

cluster_down() {
    say "test cluster: stopping"
    "$HELMDECK_CLUSTER_SCRIPTS/down.sh" || die "the test cluster did not stop cleanly"
}
