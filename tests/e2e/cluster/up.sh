#!/usr/bin/env bash
# Starts a real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and KWOK (two fake nodes whose pods turn Ready).
# A stand-in todo-chatbot runs as a local process; KWOK's ClusterPortForward sends every
# `kubectl port-forward` to it and ClusterLogs feeds `kubectl logs` from its real log.
# Idempotent: a cluster already up in the run directory is reused.
#
# Environment: HELMDECK_CLUSTER_RUN_DIR (default ~/.cache/helmdeck-cluster/run),
#   HELMDECK_CLUSTER_BACKEND (todo-chatbot binary; default <repo>/build/bin/todo-chatbot;
#   "none" starts no stand-in). Prints the path of an env file to source (KUBECONFIG, PATH).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
# shellcheck source=tests/e2e/cluster/versions.sh
source "$HERE/versions.sh"
# shellcheck source=tests/e2e/cluster/common.sh
source "$HERE/common.sh"

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
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
started=$SECONDS

cluster_is_up() {
    local name
    [[ -r $RUN/env ]] || return 1
    for name in "${COMPONENTS[@]}"; do live_pid "$name" >/dev/null || return 1; done
    if [[ -e $RUN/pids/backend.pid ]]; then live_pid backend >/dev/null || return 1; fi
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
mkdir -p "$RUN"/{pki,logs,pids,certs,backend}

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

# --- KWOK ---------------------------------------------------------------------------------
log "kwok $HELMDECK_CLUSTER_KWOK_VERSION: CRDs, default stages, 2 nodes"
kubectl apply -f "$BIN/kwok-crds.yaml" >/dev/null
kubectl wait --for condition=established --timeout 60s -f "$BIN/kwok-crds.yaml" >/dev/null
launch kwok "$BIN/kwok" "$BIN/kwok" \
    --kubeconfig "$KUBECONFIG" --config "$BIN/kwok-stages.yaml" --manage-all-nodes=true \
    --node-ip 127.0.0.1 --node-port "$kwok_port" --server-address "127.0.0.1:$kwok_port" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --node-lease-duration-seconds 40 --enable-crds PortForward,ClusterPortForward,Logs,ClusterLogs
await kwok 60 healthz "$kwok_port"
for node in kwok-node-0 kwok-node-1; do
    cat <<NODE
apiVersion: v1
kind: Node
metadata:
  name: $node
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: kwok, kubernetes.io/hostname: $node, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
status:
  # KWOK's defaults lack ephemeral-storage, which the chart requests.
  allocatable: {cpu: "16", memory: 64Gi, ephemeral-storage: 100Gi, pods: "110"}
  capacity: {cpu: "16", memory: 64Gi, ephemeral-storage: 100Gi, pods: "110"}
---
NODE
done | kubectl apply -f - >/dev/null
nodes_ready() { kubectl wait --for condition=Ready --timeout 5s node --all; }
await kwok 60 nodes_ready
# Pods need the namespace's default ServiceAccount, which the controller manager creates.
default_sa() { kubectl get serviceaccount default --namespace default; }
await kube-controller-manager 60 default_sa

# --- the stand-in backend -----------------------------------------------------------------
backend=${HELMDECK_CLUSTER_BACKEND:-$REPO/build/bin/todo-chatbot}
backend_url=""
if [[ $backend != none ]]; then
    [[ -x $backend ]] || fail "no todo-chatbot at $backend (build it, or set HELMDECK_CLUSTER_BACKEND=none)"
    backend_port=$(pick_free_port)
    backend_url="http://127.0.0.1:$backend_port"
    log "stand-in backend $backend on $backend_url (every pod's port-forward and logs)"
    launch backend "$backend" env DATABASE_URL="sqlite:$RUN/backend/todo.db" LOG_FORMAT=json \
        bash "$HERE/backend-standin.sh" "$backend" "$backend_port" "$RUN/logs/backend.cri.log"
    backend_healthy() { curl -fsS "$backend_url/api/health"; }
    await backend 30 backend_healthy
    kubectl apply -f - >/dev/null <<FORWARD
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: todo-chatbot-standin
spec:
  forwards:
  - target: {address: 127.0.0.1, port: $backend_port}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: todo-chatbot-standin
spec:
  logs:
  - logsFile: $RUN/logs/backend.cri.log
    follow: true
FORWARD
fi

cat >"$RUN/env" <<ENV
export KUBECONFIG="$RUN/kubeconfig"
export PATH="$BIN:\$PATH"
export HELMDECK_CLUSTER_BACKEND_URL="$backend_url"
ENV
log "up in $((SECONDS - started)) s: KUBECONFIG=$RUN/kubeconfig (kubectl and helm see context helmdeck-test)"
printf '%s\n' "$RUN/env"
