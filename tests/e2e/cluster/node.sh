# shellcheck shell=bash
# The real node: a containerd of its own (Debian's, with the CRI plugin), kubelet and kube-proxy
# from the control plane's release, and the images a registry would otherwise give it (pause,
# CoreDNS, local-path-provisioner and its helper, PostgreSQL). Sourced by up.sh and down.sh;
# needs common.sh and network.sh, and up.sh's RUN, BIN, pki, launch, await and pick_free_port.

# The runtime's socket; exported in the env file as CONTAINERD_ADDRESS, which `ctr` reads, so
# Helmdeck's containerd loader imports into this node (kind's model: docker save | ctr import).
node_containerd_socket() { printf '%s/containerd/containerd.sock\n' "$RUN"; }
node_ctr() { ctr --address "$(node_containerd_socket)" --namespace k8s.io "$@"; }

node_check_host() {
    [[ $EUID -eq 0 ]] || fail "a real node needs root (containerd, kubelet, a bridge): run as root, or use Minikube"
    local tool
    for tool in containerd ctr runc ip iptables iptables-save sysctl docker; do
        command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: run ./dev setup (apt: containerd runc iproute2 iptables)"
    done
    [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/portmap ]] ||
        fail "the CNI plugins are missing: apt-get install containernetworking-plugins"
    if [[ -r $HELMDECK_NODE_OWNER_FILE ]]; then
        local owner
        owner=$(<"$HELMDECK_NODE_OWNER_FILE")
        if [[ $owner != "$RUN" ]] && HELMDECK_CLUSTER_RUN_DIR=$owner live_pid kubelet >/dev/null; then
            fail "a real node of another cluster runs ($owner): stop it first (HELMDECK_CLUSTER_RUN_DIR=$owner ./dev cluster down)"
        fi
    fi
    printf '%s\n' "$RUN" >"$HELMDECK_NODE_OWNER_FILE"
}

node_start_containerd() {
    local dir=$RUN/containerd
    mkdir -p "$dir/root" "$dir/state"
    network_write_cni_config "$RUN/cni/net.d" "$RUN/cni/ipam"
    # restrict_oom_score_adj: without CAP_SYS_RESOURCE a negative oom_score_adj fails every
    # sandbox; it clamps the kubelet's -998/-997 to containerd's own score instead.
    cat >"$dir/config.toml" <<TOML
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$(node_containerd_socket)"
[ttrpc]
  address = "$dir/containerd.ttrpc.sock"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$HELMDECK_NODE_PAUSE_IMAGE"
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$RUN/cni/net.d"
TOML
    log "containerd $(containerd --version | awk '{print $3}') (Debian's, CRI plugin) on $(node_containerd_socket)"
    launch containerd "$dir/config.toml" containerd --config "$dir/config.toml"
    containerd_answers() { node_ctr version; }
    await containerd 30 containerd_answers
}

# The images' tags carry a digest of what builds them, so an edited Dockerfile is rebuilt.
node_image_tag() { cat "$@" | sha256sum | cut -c1-10; }
HELMDECK_NODE_PAUSE_IMAGE=helmdeck.local/pause:3.10-$(node_image_tag "$HERE/images/static-binary.Dockerfile" "$HERE/images/pause.c")
HELMDECK_NODE_COREDNS_IMAGE=helmdeck.local/coredns:${HELMDECK_CLUSTER_COREDNS_VERSION}-$(node_image_tag "$HERE/images/static-binary.Dockerfile")
HELMDECK_NODE_LOCAL_PATH_IMAGE=helmdeck.local/local-path-provisioner:${HELMDECK_CLUSTER_LOCAL_PATH_VERSION}-$(node_image_tag "$HERE/images/static-binary.Dockerfile")
HELMDECK_NODE_HELPER_IMAGE=helmdeck.local/busybox:bookworm-$(node_image_tag "$HERE/images/busybox.Dockerfile")
# The chart's in-cluster database; a fixed tag profiles can name (not a number: helm --set).
HELMDECK_NODE_POSTGRES_IMAGE=helmdeck.local/postgres:15-bookworm

# Builds the node's images with the Docker engine (cached there) and imports each one the
# runtime lacks, as a registry pull would.
node_import_images() {
    local images=$HERE/images reference
    node_image() {  # REFERENCE docker-build-args…
        local reference=$1
        shift
        if ! docker image inspect "$reference" >/dev/null 2>&1; then
            log "image $reference: building"
            # --no-cache: a new tag means new inputs, and the legacy builder has matched stale layers.
            docker build --no-cache -q -t "$reference" "$@" >/dev/null || fail "docker build of $reference failed"
        fi
        # The runtime's store outlives down: re-import only when Docker's image changed.
        local id stamp="$RUN/containerd/imported/${reference//[\/:]/_}"
        id=$(docker image inspect -f '{{.Id}}' "$reference")
        if [[ $(cat "$stamp" 2>/dev/null) != "$id" ]] || ! node_ctr images ls -q | grep -qx "$reference"; then
            docker save "$reference" | node_ctr images import - >/dev/null ||
                fail "could not import $reference into the node's containerd"
            mkdir -p "${stamp%/*}" && printf '%s\n' "$id" >"$stamp"
        fi
    }
    node_image "$HELMDECK_NODE_PAUSE_IMAGE" --build-arg BINARY=pause -f "$images/static-binary.Dockerfile" "$BIN"
    node_image "$HELMDECK_NODE_COREDNS_IMAGE" --build-arg BINARY=coredns -f "$images/static-binary.Dockerfile" "$BIN"
    node_image "$HELMDECK_NODE_LOCAL_PATH_IMAGE" --build-arg BINARY=local-path-provisioner \
        -f "$images/static-binary.Dockerfile" "$BIN"
    node_image "$HELMDECK_NODE_HELPER_IMAGE" -f "$images/busybox.Dockerfile" "$images"
    # The postgres tag is fixed: a changed Dockerfile or entrypoint is told by a label.
    local pg_digest
    pg_digest=$(node_image_tag "$images/postgres.Dockerfile" "$images/postgres-entrypoint.sh")
    if [[ $(docker image inspect -f '{{index .Config.Labels "dev.helmdeck.digest"}}' \
        "$HELMDECK_NODE_POSTGRES_IMAGE" 2>/dev/null) != "$pg_digest" ]]; then
        docker image rm "$HELMDECK_NODE_POSTGRES_IMAGE" >/dev/null 2>&1 || true
        node_ctr images rm "docker.io/$HELMDECK_NODE_POSTGRES_IMAGE" "$HELMDECK_NODE_POSTGRES_IMAGE" >/dev/null 2>&1 || true
    fi
    node_image "$HELMDECK_NODE_POSTGRES_IMAGE" --label "dev.helmdeck.digest=$pg_digest" \
        -f "$images/postgres.Dockerfile" "$images"
    for reference in "$HELMDECK_NODE_PAUSE_IMAGE" "$HELMDECK_NODE_COREDNS_IMAGE"; do
        node_ctr images ls -q | grep -q "$reference" || fail "$reference is not in the node's containerd"
    done
}

# A client certificate for NAME in GROUP, signed by the cluster CA; prints nothing.
node_client_cert() {
    local name=$1 cn=$2 group=$3
    [[ -s $pki/$name.crt ]] && return 0
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/$name.key" 2>/dev/null
    openssl req -new -key "$pki/$name.key" -subj "/O=$group/CN=$cn" -out "$pki/$name.csr" 2>/dev/null
    printf '%s\n' "extendedKeyUsage=clientAuth" "keyUsage=digitalSignature,keyEncipherment" >"$pki/$name.ext"
    openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
        -days 3650 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
    [[ -s $pki/$name.crt ]] || fail "openssl could not write $pki/$name.crt"
}

# A kubeconfig for a client certificate: the node's own identities (kubelet, kube-proxy).
node_kubeconfig() {
    local name=$1 file=$RUN/node/$1.kubeconfig
    cat >"$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: helmdeck-test
  cluster: {server: "$server", certificate-authority: "$pki/ca.crt"}
users:
- name: $name
  user: {client-certificate: "$pki/$name.crt", client-key: "$pki/$name.key"}
contexts:
- name: default
  context: {cluster: helmdeck-test, user: $name}
current-context: default
KUBECONFIG
    chmod 600 "$file"
    printf '%s\n' "$file"
}

node_start_kubelet() {
    local dir=$RUN/kubelet kubelet_port healthz_port kubeconfig
    mkdir -p "$dir/root" "$dir/pod-logs" "$dir/volume-plugins" "$RUN/node"
    node_client_cert kubelet "system:node:$HELMDECK_NODE_NAME" system:nodes
    kubeconfig=$(node_kubeconfig kubelet)
    kubelet_port=$(pick_free_port)
    healthz_port=$(pick_free_port)
    : >"$dir/resolv.conf"  # pods get the cluster's DNS only, never the host's resolvers
    cat >"$dir/config.yaml" <<CONFIG
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# This host is cgroup v1: the kubelet refuses it unless told, and needs the cgroupfs driver.
failCgroupV1: false
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$(node_containerd_socket)
address: $HELMDECK_NODE_IP
port: $kubelet_port
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $healthz_port
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: "$pki/ca.crt"}
authorization: {mode: AlwaysAllow}
clusterDomain: cluster.local
clusterDNS: [$HELMDECK_NODE_DNS_IP]
resolvConf: "$dir/resolv.conf"
podLogsDir: "$dir/pod-logs"
volumePluginDir: "$dir/volume-plugins"
# No CAP_SYS_RESOURCE here: the kubelet's own -999 would fail.
oomScoreAdj: 0
failSwapOn: false
# Images come from imports, never a registry: the kubelet must not collect them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "2%", imagefs.available: "2%"}
serializeImagePulls: false
staticPodPath: ""
registerNode: true
CONFIG
    log "kubelet $HELMDECK_CLUSTER_K8S_VERSION: node $HELMDECK_NODE_NAME at $HELMDECK_NODE_IP:$kubelet_port"
    launch kubelet "$BIN/kubelet" "$BIN/kubelet" --config "$dir/config.yaml" --kubeconfig "$kubeconfig" \
        --root-dir "$dir/root" --cert-dir "$dir/pki" --hostname-override "$HELMDECK_NODE_NAME" \
        --node-ip "$HELMDECK_NODE_IP" --node-labels "helmdeck.dev/node=real" --v 1
    node_ready() { kubectl wait --for condition=Ready --timeout 5s "node/$HELMDECK_NODE_NAME"; }
    await kubelet 90 node_ready
}

node_start_kube_proxy() {
    local healthz_port metrics_port kubeconfig
    node_client_cert kube-proxy system:kube-proxy system:node-proxier
    kubeconfig=$(node_kubeconfig kube-proxy)
    healthz_port=$(pick_free_port)
    metrics_port=$(pick_free_port)
    log "kube-proxy (iptables): NodePorts on 127.0.0.1 and $HELMDECK_NODE_IP only"
    launch kube-proxy "$BIN/kube-proxy" "$BIN/kube-proxy" --kubeconfig "$kubeconfig" \
        --hostname-override "$HELMDECK_NODE_NAME" --proxy-mode iptables \
        --cluster-cidr "$HELMDECK_NODE_POD_CIDR" \
        --nodeport-addresses "127.0.0.0/8,$HELMDECK_NODE_IP/32" --bind-address 127.0.0.1 \
        --healthz-bind-address "127.0.0.1:$healthz_port" --metrics-bind-address "127.0.0.1:$metrics_port" \
        --conntrack-max-per-core 0 --oom-score-adj 0
    proxy_healthy() { curl -fsS "http://127.0.0.1:$healthz_port/healthz"; }
    await kube-proxy 60 proxy_healthy
    # kube-proxy puts its own jumps first in FORWARD; ours goes back in front of them, so that
    # nothing they accept can leave the bridge.
    local chain=$HELMDECK_NODE_FORWARD_CHAIN
    kube_proxy_synced() { iptables -w -S FORWARD | grep -q KUBE-FORWARD; }
    await kube-proxy 30 kube_proxy_synced
    iptables -w -D FORWARD -j "$chain" && iptables -w -I FORWARD 1 -j "$chain"
}

# CoreDNS and the local-path provisioner run on the host's network: the control plane listens on
# 127.0.0.1 only, which a pod on the bridge cannot reach.
node_start_addons() {
    local api_port=${server##*:}
    log "add-ons: CoreDNS (kube-dns $HELMDECK_NODE_DNS_IP) and local-path-provisioner (default StorageClass)"
    sed -e "s|@API_PORT@|$api_port|g" -e "s|@NODE_IP@|$HELMDECK_NODE_IP|g" \
        -e "s|@DNS_IP@|$HELMDECK_NODE_DNS_IP|g" -e "s|@COREDNS_IMAGE@|$HELMDECK_NODE_COREDNS_IMAGE|g" \
        -e "s|@LOCAL_PATH_IMAGE@|$HELMDECK_NODE_LOCAL_PATH_IMAGE|g" \
        -e "s|@HELPER_IMAGE@|$HELMDECK_NODE_HELPER_IMAGE|g" -e "s|@VOLUME_DIR@|$RUN/volumes|g" \
        "$HERE/addons.yaml" | kubectl apply -f - >/dev/null || fail "could not apply the node's add-ons"
    mkdir -p "$RUN/volumes"
    addons_available() {
        kubectl --namespace kube-system wait --for condition=Available --timeout 5s deployment/coredns &&
            kubectl --namespace local-path-storage wait --for condition=Available --timeout 5s \
                deployment/local-path-provisioner
    }
    await kubelet 120 addons_available
}

# Stops every container of the node, then the runtime, and removes what they mounted. Runs
# after kubelet is stopped (so nothing restarts them) and before network_down.
node_stop_containers() {
    local socket id
    socket=$(node_containerd_socket)
    if [[ -S $socket ]] && node_ctr version >/dev/null 2>&1; then
        for id in $(node_ctr tasks ls -q 2>/dev/null); do
            node_ctr tasks kill --signal SIGKILL "$id" >/dev/null 2>&1 || true
        done
        local deadline=$((SECONDS + 20))
        while node_ctr tasks ls 2>/dev/null | awk 'NR > 1 && $3 != "STOPPED"' | grep -q . &&
            ((SECONDS < deadline)); do sleep 0.2; done
        for id in $(node_ctr tasks ls -q 2>/dev/null); do node_ctr tasks delete "$id" >/dev/null 2>&1 || true; done
        for id in $(node_ctr containers ls -q 2>/dev/null); do node_ctr containers delete "$id" >/dev/null 2>&1 || true; done
    fi
}

# Shims that outlived containerd (they are re-parented to init, out of containerd's group).
node_kill_shims() {
    local socket pid
    socket=$(node_containerd_socket)
    for pid in $(pgrep -f -- "containerd-shim-runc-v2 -namespace k8s.io .*-address $socket" || true); do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

# Unmounts what the kubelet and the runtime mounted under the run dir, deepest first, and the
# pods' network namespaces (their veths go with them).
node_unmount() {
    local target
    findmnt -rn -o TARGET | awk -v run="$RUN/" 'index($0, run) == 1' | sort -r | while read -r target; do
        umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || log "could not unmount $target"
    done
    node_delete_netns
}

# The pods' network namespaces are containerd's cni-<uuid>: those that were not here before up
# are ours. Killing a sandbox's task does not remove its namespace; down deletes it.
node_record_netns_before() {
    mkdir -p "$RUN/node"
    ip netns list 2>/dev/null | awk '{print $1}' >"$RUN/node/netns-before"
}

node_delete_netns() {
    local ns
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cni-'); do
        grep -qx "$ns" "$RUN/node/netns-before" 2>/dev/null && continue
        ip netns delete "$ns" 2>/dev/null || log "could not delete network namespace $ns"
    done
}
