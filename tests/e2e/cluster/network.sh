# shellcheck shell=bash
# The node's network, contained: one bridge and a private pod CIDR that these scripts create, no
# masquerade and no route out of it, and a FORWARD rule that drops anything leaving it. Shared
# by up.sh, down.sh and the tests (which check the same names). Needs common.sh.

HELMDECK_NODE_NAME=helmdeck-node
HELMDECK_NODE_BRIDGE=helmdeck0
HELMDECK_NODE_POD_CIDR=10.244.0.0/24
# The bridge's address: the pods' gateway and the node's InternalIP (kubelet, CoreDNS).
HELMDECK_NODE_IP=10.244.0.1
HELMDECK_NODE_SERVICE_CIDR=10.96.0.0/16
HELMDECK_NODE_DNS_IP=10.96.0.10
# Our own filter chain, jumped to first from FORWARD.
HELMDECK_NODE_FORWARD_CHAIN=HELMDECK-NODE-FORWARD
# Only one real node can own the bridge and the chains: this file names the run dir that does.
HELMDECK_NODE_OWNER_FILE=/run/helmdeck-node.owner
# kube-proxy turns route_localnet on for NodePorts on 127.0.0.1; down.sh puts back what was here.
HELMDECK_NODE_SYSCTLS=(net.ipv4.ip_forward net.ipv4.conf.all.route_localnet net.bridge.bridge-nf-call-iptables)

# Saves the sysctls the node changes, once per start, so that down.sh can restore them.
network_save_sysctls() {
    local file=$1 key
    [[ -s $file ]] && return 0
    for key in "${HELMDECK_NODE_SYSCTLS[@]}"; do
        printf '%s=%s\n' "$key" "$(sysctl -n "$key" 2>/dev/null || echo unset)"
    done >"$file"
}

network_restore_sysctls() {
    local file=$1 key value
    [[ -r $file ]] || return 0
    while IFS='=' read -r key value; do
        [[ -n $key && $value != unset ]] || continue
        sysctl -qw "$key=$value" >/dev/null 2>&1 || log "could not restore $key=$value"
    done <"$file"
    rm -f "$file"
}

# "table/chain" for every KUBE-* and CNI-* chain: kubelet, kube-proxy and the portmap plugin
# make them, and down removes those that were not here before up.
network_node_chains() {
    iptables-save 2>/dev/null | awk '/^\*/ {table = substr($1, 2)} /^:(KUBE-|CNI-)/ {print table "/" substr($1, 2)}' | sort -u
}

network_up() {
    local run=$1
    network_save_sysctls "$run/node/sysctls"
    [[ -s $run/node/chains-before ]] || network_node_chains >"$run/node/chains-before"
    # Pod to Service traffic is DNATed on the host and answered over the same bridge, so it must
    # be routed and seen by iptables (Docker sets both too; ip_forward stays as Docker needs it).
    sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 >/dev/null ||
        fail "cannot set net.ipv4.ip_forward and net.bridge.bridge-nf-call-iptables (needs br_netfilter)"
    if ! ip link show "$HELMDECK_NODE_BRIDGE" >/dev/null 2>&1; then
        ip link add "$HELMDECK_NODE_BRIDGE" type bridge || fail "cannot create bridge $HELMDECK_NODE_BRIDGE"
    fi
    ip addr replace "$HELMDECK_NODE_IP/24" dev "$HELMDECK_NODE_BRIDGE"
    ip link set "$HELMDECK_NODE_BRIDGE" up
    local chain=$HELMDECK_NODE_FORWARD_CHAIN
    iptables -w -N "$chain" 2>/dev/null || iptables -w -F "$chain"
    # Pod to pod (bridged, and via a Service DNAT back onto the bridge) is allowed; anything
    # from the pod CIDR towards another interface is dropped, and nothing else enters the pods.
    iptables -w -A "$chain" -i "$HELMDECK_NODE_BRIDGE" -o "$HELMDECK_NODE_BRIDGE" -j ACCEPT
    iptables -w -A "$chain" -s "$HELMDECK_NODE_POD_CIDR" ! -o "$HELMDECK_NODE_BRIDGE" -j DROP
    iptables -w -A "$chain" -o "$HELMDECK_NODE_BRIDGE" -j DROP
    iptables -w -C FORWARD -j "$chain" 2>/dev/null || iptables -w -I FORWARD 1 -j "$chain"
}

# The CNI configuration: Debian's bridge, host-local and portmap plugins, no masquerade, and
# routes only to the pod CIDR (on link) and the Service CIDR (via the node), never a default.
network_write_cni_config() {
    local dir=$1 ipam_dir=$2
    mkdir -p "$dir" "$ipam_dir"
    cat >"$dir/10-helmdeck.conflist" <<CNI
{
  "cniVersion": "1.0.0",
  "name": "helmdeck",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$HELMDECK_NODE_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$ipam_dir",
        "ranges": [[{"subnet": "$HELMDECK_NODE_POD_CIDR", "gateway": "$HELMDECK_NODE_IP"}]],
        "routes": [{"dst": "$HELMDECK_NODE_SERVICE_CIDR"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
CNI
}

# Removes the bridge, our chain, and what kube-proxy and the portmap plugin left in iptables.
network_down() {
    local run=$1 chain=$HELMDECK_NODE_FORWARD_CHAIN table
    while iptables -w -D FORWARD -j "$chain" 2>/dev/null; do :; done
    iptables -w -F "$chain" 2>/dev/null && iptables -w -X "$chain" 2>/dev/null
    # The chains the node's components made: first every rule that jumps to one, then the chain.
    local entry c rule
    for entry in $(network_node_chains | comm -23 - <(sort -u "$run/node/chains-before" 2>/dev/null)); do
        table=${entry%%/*} c=${entry#*/}
        iptables -w -t "$table" -S 2>/dev/null | grep -E -- "-j $c( |\$)" | sed 's/^-A/-D/' |
            while read -r rule; do
                # shellcheck disable=SC2086  # a rule is a word list
                iptables -w -t "$table" $rule 2>/dev/null || true
            done || true  # no rule jumps to it: grep finds nothing
        iptables -w -t "$table" -F "$c" 2>/dev/null || true
    done
    for entry in $(network_node_chains | comm -23 - <(sort -u "$run/node/chains-before" 2>/dev/null)); do
        iptables -w -t "${entry%%/*}" -X "${entry#*/}" 2>/dev/null || log "could not delete chain $entry"
    done
    rm -f "$run/node/chains-before"
    # The pods' veth host ends. The kernel tears down a deleted namespace's veth pair in its own
    # time, after `down` has returned; deleting the host end removes the pair now.
    local veths link deadline
    veths=$( (ip -o link show master "$HELMDECK_NODE_BRIDGE" 2>/dev/null || true) | awk -F': ' '{print $2}' | cut -d@ -f1)
    for link in $veths; do ip link delete "$link" 2>/dev/null || true; done
    if ip link show "$HELMDECK_NODE_BRIDGE" >/dev/null 2>&1; then
        ip link set "$HELMDECK_NODE_BRIDGE" down 2>/dev/null || true
        ip link delete "$HELMDECK_NODE_BRIDGE" type bridge || log "could not delete $HELMDECK_NODE_BRIDGE"
    fi
    deadline=$((SECONDS + 20))
    for link in $veths; do
        while ip link show "$link" >/dev/null 2>&1 && ((SECONDS < deadline)); do sleep 0.1; done
        if ip link show "$link" >/dev/null 2>&1; then log "veth $link is still there after 20 s"; fi
    done
    network_restore_sysctls "$run/node/sysctls"
}
