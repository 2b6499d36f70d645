#!/usr/bin/env bash
# Stops everything up.sh started in the run directory (HELMDECK_CLUSTER_RUN_DIR) and removes
# what the node made: every container, mount, network namespace (with its veth), the bridge,
# the iptables chains of kube-proxy, the CNI plugins and our own, and the sysctls it changed.
# Each process group gets SIGTERM, then SIGKILL after a deadline; then nothing may be left.
# Keeps the logs, certificates and the runtime's image store. Safe to run when nothing is up.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/e2e/cluster/versions.sh
source "$HERE/versions.sh"
# shellcheck source=tests/e2e/cluster/common.sh
source "$HERE/common.sh"
# shellcheck source=tests/e2e/cluster/network.sh
source "$HERE/network.sh"
RUN=$HELMDECK_CLUSTER_RUN_DIR
# shellcheck source=tests/e2e/cluster/node.sh
source "$HERE/node.sh"

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

stopped=()
stop_component() {
    local name=$1 pid deadline
    pid=$(live_pid "$name") || { rm -f "$RUN/pids/$name.pid"; return 0; }
    # launch() made each process a session (and group) leader: the group holds its children.
    kill -TERM -- "-$pid" 2>/dev/null || true
    deadline=$((SECONDS + 20))
    while group_alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
    if group_alive "$pid"; then
        log "$name (pid $pid) ignored SIGTERM for 20 s; killing it"
        kill -KILL -- "-$pid" 2>/dev/null || true
        deadline=$((SECONDS + 5))
        while group_alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
    fi
    group_alive "$pid" && fail "$name (pid $pid) is still running"
    rm -f "$RUN/pids/$name.pid"
    stopped+=("$name")
}

# Another run dir's node holds the bridge and the chains: leave them to its own down.
owns_node=1
if [[ -r $HELMDECK_NODE_OWNER_FILE && $(<"$HELMDECK_NODE_OWNER_FILE") != "$RUN" ]]; then owns_node=0; fi

# The kubelet first, so that nothing restarts the containers; the runtime stops them; then the
# control plane, clients before etcd.
for name in kwok kubelet; do stop_component "$name"; done
node_stop_containers
stop_component kube-proxy
stop_component containerd
node_kill_shims
if ((owns_node)) && [[ -d $RUN/node || -e $RUN/containerd ]]; then
    node_unmount
    # kube-proxy's rules and chains (all its modes), now that nothing re-creates them.
    bin=$(cluster_bin_dir)
    if [[ -x $bin/kube-proxy ]]; then "$bin/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
    network_down "$RUN"
    rm -rf "$RUN/containerd/state" "$RUN/kubelet/root" "$RUN/volumes" "$RUN/cni/ipam"
fi
[[ -r $HELMDECK_NODE_OWNER_FILE && $(<"$HELMDECK_NODE_OWNER_FILE") == "$RUN" ]] && rm -f "$HELMDECK_NODE_OWNER_FILE"
for name in kube-scheduler kube-controller-manager kube-apiserver etcd; do stop_component "$name"; done

# Nothing of this cluster may be left: no listening port, no mount, no bridge, no chain.
if [[ -r $RUN/ports ]]; then
    while read -r port; do
        [[ -n $port ]] || continue
        if ss -Htln "sport = :$port" | grep -q .; then fail "port $port is still listening"; fi
    done <"$RUN/ports"
fi
left_mounts=$(findmnt -rn -o TARGET | awk -v run="$RUN/" 'index($0, run) == 1' || true)
[[ -z $left_mounts ]] || fail "mounts are left under $RUN: $left_mounts"
if ((owns_node)) && ip link show "$HELMDECK_NODE_BRIDGE" >/dev/null 2>&1; then
    fail "bridge $HELMDECK_NODE_BRIDGE is still there"
fi
if ((owns_node)) && iptables-save 2>/dev/null | grep -qE "^:($HELMDECK_NODE_FORWARD_CHAIN|KUBE-[A-Z-]+|CNI-[A-Z0-9-]+) "; then
    fail "iptables chains are left: $(iptables-save | grep -oE "^:($HELMDECK_NODE_FORWARD_CHAIN|KUBE-[A-Z0-9-]+|CNI-[A-Z0-9-]+)" | tr '\n' ' ')"
fi
rm -rf "$RUN/etcd" "$RUN/env"
if ((${#stopped[@]})); then
    log "stopped ${stopped[*]}"
else
    log "nothing was running in $RUN"
fi
