#!/usr/bin/env bash
# Stops everything up.sh started in the run directory (HELMDECK_CLUSTER_RUN_DIR): each
# process group gets SIGTERM, then SIGKILL after a deadline, and the ports are checked free.
# Keeps the logs and certificates; removes etcd's data. Safe to run when nothing is up.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/e2e/cluster/versions.sh
source "$HERE/versions.sh"
# shellcheck source=tests/e2e/cluster/common.sh
source "$HERE/common.sh"

RUN=$HELMDECK_CLUSTER_RUN_DIR
# Clients first, etcd last, so nothing logs a storm of connection errors on the way down.
ORDER=(backend kwok kube-scheduler kube-controller-manager kube-apiserver etcd)

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

stopped=()
for name in "${ORDER[@]}"; do
    pid=$(live_pid "$name") || { rm -f "$RUN/pids/$name.pid"; continue; }
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
done

# No port of this cluster may be left listening.
if [[ -r $RUN/ports ]]; then
    while read -r port; do
        [[ -n $port ]] || continue
        if ss -Htln "sport = :$port" | grep -q .; then fail "port $port is still listening"; fi
    done <"$RUN/ports"
fi
rm -rf "$RUN/etcd" "$RUN/env"
if ((${#stopped[@]})); then
    log "stopped ${stopped[*]}"
else
    log "nothing was running in $RUN"
fi
