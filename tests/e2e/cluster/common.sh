# shellcheck shell=bash
# Shared by build.sh, up.sh and down.sh: paths, logging and small checks. Needs versions.sh.

HELMDECK_CLUSTER_CACHE="${HELMDECK_CLUSTER_CACHE:-$HOME/.cache/helmdeck-cluster}"
# Where a running cluster keeps its certificates, kubeconfig, data, logs and pid files.
HELMDECK_CLUSTER_RUN_DIR="${HELMDECK_CLUSTER_RUN_DIR:-$HELMDECK_CLUSTER_CACHE/run}"

log() { printf '[cluster] %s\n' "$*" >&2; }
fail() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }

# The bin directory for this exact set of pins, so a version bump rebuilds.
cluster_bin_dir() {
    printf '%s/bin/k8s-%s_etcd-%s_kwok-%s_coredns-%s_lpp-%s\n' "$HELMDECK_CLUSTER_CACHE" \
        "$HELMDECK_CLUSTER_K8S_VERSION" "$HELMDECK_CLUSTER_ETCD_VERSION" "$HELMDECK_CLUSTER_KWOK_VERSION" \
        "$HELMDECK_CLUSTER_COREDNS_VERSION" "$HELMDECK_CLUSTER_LOCAL_PATH_VERSION"
}

cluster_binaries_complete() {
    local dir=$1 name
    [[ -s $dir/kwok-stages.yaml && -s $dir/kwok-crds.yaml ]] || return 1
    for name in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kubelet \
        kube-proxy coredns local-path-provisioner pause; do
        [[ -x $dir/$name ]] || return 1
    done
}

# A TCP port on 127.0.0.1 that nothing listens on and that this cluster has not taken yet.
# Each one is recorded in the run directory's `ports`, which down.sh checks are free again.
pick_free_port() {
    local port tries=0 taken="$HELMDECK_CLUSTER_RUN_DIR/ports"
    while ((tries++ < 200)); do
        port=$((20000 + RANDOM % 12000))  # below the ephemeral range
        [[ -r $taken ]] && grep -qx "$port" "$taken" && continue
        if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
            printf '%s\n' "$port" >>"$taken"
            printf '%s\n' "$port"
            return 0
        fi
    done
    fail "no free TCP port found on 127.0.0.1"
}

# wait_until SECONDS WHAT COMMAND…: polls COMMAND every 0.25 s until it succeeds or time is up.
wait_until() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            log "timed out after ${seconds}s waiting for $what"
            return 1
        fi
        sleep 0.25
    done
}

# The pid recorded for NAME if that process is alive and still runs the expected binary.
live_pid() {
    local name=$1 pid_file="$HELMDECK_CLUSTER_RUN_DIR/pids/$1.pid" pid
    [[ -r $pid_file ]] || return 1
    pid=$(<"$pid_file")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    # A recycled pid runs something else: only our own launcher or binary counts.
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(<"$HELMDECK_CLUSTER_RUN_DIR/pids/$name.match")" || return 1
    printf '%s\n' "$pid"
}
