#!/usr/bin/env bash
# Starts a real single-node Kubernetes on this machine: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler on 127.0.0.1, and a real node (containerd, kubelet,
# kube-proxy, a CNI bridge, CoreDNS and a default StorageClass) whose pods live on a private
# bridge with no route out (network.sh). Optionally KWOK nodes beside it, for tests that need
# more nodes than one machine holds. Idempotent: a cluster already up in the run directory is
# reused.
#
# Environment: HELMDECK_CLUSTER_RUN_DIR (default ~/.cache/helmdeck-cluster/run),
#   HELMDECK_CLUSTER_KWOK_NODES (fake nodes, tainted so that only pods that ask land there;
#   default 0). Prints the path of an env file to source (KUBECONFIG, PATH, CONTAINERD_ADDRESS).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/e2e/cluster/versions.sh
source "$HERE/versions.sh"
# shellcheck source=tests/e2e/cluster/common.sh
source "$HERE/common.sh"
# shellcheck source=tests/e2e/cluster/network.sh
source "$HERE/network.sh"

# Ports are picked free but taken only when each process binds: on a rare clash, the whole start
# is retried once with new ports.
if [[ -z ${HELMDECK_CLUSTER_UP_ATTEMPT:-} ]]; then
    "$HERE/build.sh" >/dev/null
    for attempt in 1 2; do
        HELMDECK_CLUSTER_UP_ATTEMPT=$attempt "$HERE/up.sh" && exit 0
        status=$?
        ((attempt == 1)) && log "start failed (exit $status); stopping what started and retrying once"
        "$HERE/down.sh" >&2 || true
    done
    exit "$status"
fi

RUN=$HELMDECK_CLUSTER_RUN_DIR
KWOK_NODES=${HELMDECK_CLUSTER_KWOK_NODES:-0}
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy)
((KWOK_NODES == 0)) || COMPONENTS+=(kwok)
started=$SECONDS

cluster_is_up() {
    local name
    [[ -r $RUN/env ]] || return 1
    for name in "${COMPONENTS[@]}"; do live_pid "$name" >/dev/null || return 1; done
    KUBECONFIG="$RUN/kubeconfig" "$BIN/kubectl" get --raw /readyz >/dev/null 2>&1
}

BIN=$("$HERE/build.sh" 2>/dev/null)  # built (with progress) by the first call above
if cluster_is_up; then
    log "already up ($RUN)"
    printf '%s\n' "$RUN/env"
    exit 0
fi
# Whatever is left of an earlier cluster in this run directory goes first.
"$HERE/down.sh" >/dev/null 2>&1 || true
rm -rf "$RUN/etcd" "$RUN/pids" "$RUN/env" "$RUN/ports"
# Fresh logs per start; a retry keeps the failed attempt's beside its own.
if ((HELMDECK_CLUSTER_UP_ATTEMPT == 1)); then rm -rf "$RUN/logs"; fi
mkdir -p "$RUN"/{pki,logs,pids,certs,node}
# shellcheck source=tests/e2e/cluster/node.sh
source "$HERE/node.sh"
node_check_host

# Starts NAME detached (own session) with its output in logs/NAME.log; MATCH identifies it in
# /proc/PID/cmdline so that down.sh never signals a recycled pid.
launch() {
    local name=$1 match=$2
    shift 2
    printf '%s\n' "$match" >"$RUN/pids/$name.match"
    setsid "$@" </dev/null >>"$RUN/logs/$name.log" 2>&1 &
    printf '%s\n' "$!" >"$RUN/pids/$name.pid"
}

# Fails with the tail of NAME's log when it died or did not become ready.
await() {
    local name=$1 seconds=$2
    shift 2
    if ! wait_until "$seconds" "$name" "$@"; then
        live_pid "$name" >/dev/null || log "$name exited"
        tail -n 25 "$RUN/logs/$name.log" >&2 || true
        fail "$name did not become ready (log: $RUN/logs/$name.log)"
    fi
}

# --- certificates (openssl, EC P-256: quick to generate) ---------------------------------
pki=$RUN/pki
if [[ ! -s $pki/admin.crt ]]; then
    log "certificates: CA, apiserver serving, admin client (O=system:masters), service-account key"
    ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
    ec_key "$pki/ca.key"
    openssl req -x509 -new -key "$pki/ca.key" -subj "/CN=helmdeck-test-ca" -days 3650 \
        -out "$pki/ca.crt" 2>/dev/null
    ec_key "$pki/apiserver.key"
    openssl req -new -key "$pki/apiserver.key" -subj "/CN=kube-apiserver" -out "$pki/apiserver.csr" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1" \
        "extendedKeyUsage=serverAuth" "keyUsage=digitalSignature,keyEncipherment" >"$pki/apiserver.ext"
    openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
        -days 3650 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
    ec_key "$pki/admin.key"
    openssl req -new -key "$pki/admin.key" -subj "/O=system:masters/CN=helmdeck-admin" \
        -out "$pki/admin.csr" 2>/dev/null
    printf '%s\n' "extendedKeyUsage=clientAuth" "keyUsage=digitalSignature,keyEncipherment" >"$pki/admin.ext"
    openssl x509 -req -in "$pki/admin.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
        -days 3650 -extfile "$pki/admin.ext" -out "$pki/admin.crt" 2>/dev/null
    ec_key "$pki/sa.key"
    openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
    [[ -s $pki/admin.crt && -s $pki/sa.pub ]] || fail "openssl could not write the certificates into $pki"
fi

# --- ports and kubeconfig -----------------------------------------------------------------
etcd_port=$(pick_free_port)
etcd_peer_port=$(pick_free_port)
api_port=$(pick_free_port)
kcm_port=$(pick_free_port)
scheduler_port=$(pick_free_port)
kwok_port=$(pick_free_port)
server="https://127.0.0.1:$api_port"
b64() { base64 -w0 <"$1"; }
cat >"$RUN/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: helmdeck-test
  cluster:
    server: $server
    certificate-authority-data: $(b64 "$pki/ca.crt")
users:
- name: helmdeck-admin
  user:
    client-certificate-data: $(b64 "$pki/admin.crt")
    client-key-data: $(b64 "$pki/admin.key")
contexts:
- name: helmdeck-test
  context: {cluster: helmdeck-test, user: helmdeck-admin}
current-context: helmdeck-test
KUBECONFIG
chmod 600 "$RUN/kubeconfig"
export KUBECONFIG="$RUN/kubeconfig"
kubectl() { "$BIN/kubectl" "$@"; }

# --- etcd ---------------------------------------------------------------------------------
log "etcd $HELMDECK_CLUSTER_ETCD_VERSION on 127.0.0.1:$etcd_port"
launch etcd "$BIN/etcd" "$BIN/etcd" --name node0 --data-dir "$RUN/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "node0=http://127.0.0.1:$etcd_peer_port" \
    --unsafe-no-fsync --auto-compaction-retention 1 --log-level warn
etcd_healthy() { curl -fsS "http://127.0.0.1:$etcd_port/health" | grep -q '"health":"true"'; }
await etcd 30 etcd_healthy

# --- kube-apiserver -----------------------------------------------------------------------
log "kube-apiserver $HELMDECK_CLUSTER_K8S_VERSION on $server"
# endpoint-reconciler none: a loopback address is not a valid Endpoints address.
launch kube-apiserver "$BIN/kube-apiserver" "$BIN/kube-apiserver" \
    --bind-address 127.0.0.1 --secure-port "$api_port" --advertise-address 127.0.0.1 \
    --endpoint-reconciler-type none --etcd-servers "http://127.0.0.1:$etcd_port" \
    --cert-dir "$RUN/certs/apiserver" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range 10.96.0.0/16 --authorization-mode Node,RBAC \
    --kubelet-client-certificate "$pki/admin.crt" --kubelet-client-key "$pki/admin.key" \
    --kubelet-preferred-address-types InternalIP \
    --allow-privileged=true --enable-priority-and-fairness=false --profiling=false
api_ready() { kubectl get --raw /readyz | grep -q '^ok'; }
await kube-apiserver 120 api_ready

# --- controller manager and scheduler -----------------------------------------------------
log "kube-controller-manager and kube-scheduler"
launch kube-controller-manager "$BIN/kube-controller-manager" "$BIN/kube-controller-manager" \
    --kubeconfig "$KUBECONFIG" --bind-address 127.0.0.1 --secure-port "$kcm_port" \
    --cert-dir "$RUN/certs/kcm" --leader-elect=false --root-ca-file "$pki/ca.crt" \
    --service-account-private-key-file "$pki/sa.key" --use-service-account-credentials=false \
    --profiling=false
launch kube-scheduler "$BIN/kube-scheduler" "$BIN/kube-scheduler" \
    --kubeconfig "$KUBECONFIG" --bind-address 127.0.0.1 --secure-port "$scheduler_port" \
    --cert-dir "$RUN/certs/scheduler" --leader-elect=false --profiling=false
healthz() { curl -ksf "https://127.0.0.1:$1/healthz" | grep -q '^ok'; }
await kube-controller-manager 60 healthz "$kcm_port"
await kube-scheduler 60 healthz "$scheduler_port"

# --- the node -----------------------------------------------------------------------------
node_record_netns_before
network_up "$RUN"
node_start_containerd
node_import_images
node_start_kubelet
node_start_kube_proxy
node_start_addons
# Pods need the namespace's default ServiceAccount, which the controller manager creates.
default_sa() { kubectl get serviceaccount default --namespace default; }
await kube-controller-manager 60 default_sa

# --- KWOK (only when asked) ---------------------------------------------------------------
if ((KWOK_NODES > 0)); then
    kwok_port=$(pick_free_port)
    log "kwok $HELMDECK_CLUSTER_KWOK_VERSION: $KWOK_NODES fake nodes (tainted kwok.x-k8s.io/node=fake)"
    launch kwok "$BIN/kwok" "$BIN/kwok" \
        --kubeconfig "$KUBECONFIG" --config "$BIN/kwok-stages.yaml" --manage-all-nodes=false \
        --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
        --node-ip 127.0.0.1 --node-port "$kwok_port" --server-address "127.0.0.1:$kwok_port" \
        --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
        --node-lease-duration-seconds 40
    await kwok 60 healthz "$kwok_port"
    for ((n = 0; n < KWOK_NODES; n++)); do
        cat <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$n
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-$n, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
spec:
  taints: [{key: kwok.x-k8s.io/node, value: fake, effect: NoSchedule}]
status:
  allocatable: {cpu: "16", memory: 64Gi, ephemeral-storage: 100Gi, pods: "110"}
  capacity: {cpu: "16", memory: 64Gi, ephemeral-storage: 100Gi, pods: "110"}
---
NODE
    done | kubectl apply -f - >/dev/null
    kwok_nodes_ready() { kubectl wait --for condition=Ready --timeout 5s node -l type=kwok; }
    await kwok 60 kwok_nodes_ready
fi

cat >"$RUN/env" <<ENV
export KUBECONFIG="$RUN/kubeconfig"
export PATH="$BIN:\$PATH"
export CONTAINERD_ADDRESS="$(node_containerd_socket)"
export CONTAINERD_NAMESPACE=k8s.io
export HELMDECK_CLUSTER_HELPER_IMAGE="$HELMDECK_NODE_HELPER_IMAGE"
ENV
log "up in $((SECONDS - started)) s: KUBECONFIG=$RUN/kubeconfig (kubectl and helm see context helmdeck-test); node $HELMDECK_NODE_NAME Ready, pods on $HELMDECK_NODE_BRIDGE ($HELMDECK_NODE_POD_CIDR)"
printf '%s\n' "$RUN/env"
