#!/bin/sh
# A stand-in for kubectl and helm in the fast tier: logs its argv to $FAKE_TOOL_LOG and replays
# the recorded snapshot in $FAKE_SNAPSHOT. Any command it has no recording for "succeeds" with
# "fake: ran", so a test can see (in the log) whether a mutating command was started at all.
tool=$(basename "$0")
printf '%s %s\n' "$tool" "$*" >> "$FAKE_TOOL_LOG"
args=" $* "
case "$tool:$args" in
  *" $FAKE_FAIL "*) [ -n "$FAKE_FAIL" ] && { echo "Error: $FAKE_FAIL failed (fake)" >&2; exit 1; } ;;
esac
case "$tool:$args" in
  helm:" version --short ") echo "v3.18.6"; exit 0 ;;
  kubectl:" version --client -o json ") exec cat "$FAKE_SNAPSHOT/../../kubectl_version_client.json" ;;
  kubectl:" config current-context ") echo "helmdeck-test"; exit 0 ;;
  kubectl:*" version -o json "*)
    echo '{"clientVersion":{"gitVersion":"v1.36.3"},"serverVersion":{"major":"1","minor":"36","gitVersion":"v1.36.3"}}'; exit 0 ;;
  kubectl:*" get pods,events,"*) exec cat "$FAKE_SNAPSHOT/get.json" ;;
  kubectl:*" get nodes "*) exec cat "$FAKE_SNAPSHOT/nodes.json" ;;
  kubectl:*" get --raw /api/v1/nodes/"*)
    if [ -f "$FAKE_SNAPSHOT/stats-summary.json" ]; then exec cat "$FAKE_SNAPSHOT/stats-summary.json"; fi
    echo "Error from server (Forbidden): nodes is forbidden: cannot get resource \"nodes/proxy\"" >&2; exit 1 ;;
  kubectl:*" top pods "*)
    if [ -f "$FAKE_SNAPSHOT/top.txt" ]; then exec cat "$FAKE_SNAPSHOT/top.txt"; fi
    echo "error: Metrics API not available" >&2; exit 1 ;;
  kubectl:*" logs pod/"*)
    pod=$(printf '%s\n' "$@" | sed -n 's|^pod/||p')
    container=$(printf '%s\n' "$@" | awk 'prev=="--container"{print} {prev=$0}')
    suffix=; case "$args" in *" --previous "*) suffix=.previous ;; esac
    # Without --container, kubectl reads the pod's only container.
    [ -n "$container" ] || container=$(ls "$FAKE_SNAPSHOT/logs" 2>/dev/null | sed -n "s|^${pod}_\([^.]*\)\.log\$|\1|p" | head -n 1)
    file="$FAKE_SNAPSHOT/logs/${pod}_${container}${suffix}.log"
    if [ -f "$file" ]; then exec cat "$file"; fi
    echo "Error from server (NotFound): pods \"$pod\" not found" >&2; exit 1 ;;
  helm:" status "*) [ -s "$FAKE_SNAPSHOT/helm-status.json" ] && exec cat "$FAKE_SNAPSHOT/helm-status.json"
    echo "Error: release: not found" >&2; exit 1 ;;
  helm:" history "*) [ -s "$FAKE_SNAPSHOT/helm-history.json" ] && exec cat "$FAKE_SNAPSHOT/helm-history.json"
    echo "Error: release: not found" >&2; exit 1 ;;
  helm:" get values "*)
    revision=$(printf '%s\n' "$@" | awk 'prev=="--revision"{print} {prev=$0}')
    exec cat "$FAKE_SNAPSHOT/values-$revision.json" ;;
esac
echo "fake: ran"
