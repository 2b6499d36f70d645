#!/bin/sh
# A stand-in for helm, kubectl, docker, minikube or kind in unit tests: records its argv in
# $FAKE_TOOL_DIR/calls.log, then replays the first matching rule of $FAKE_TOOL_DIR/rules.
# A rule is one tab-separated line: program, glob over "$*", times (0: always), exit code,
# stdout file (- none), stderr text (- none), seconds to sleep after (0 none). Tests set PATH
# to the fake bin folder only, so this script names its helpers by absolute path.
name=${0##*/}
dir=${FAKE_TOOL_DIR:?FAKE_TOOL_DIR is not set}
# One write per call: a step may run two tools at once (helm waits while kubectl polls), and
# piecewise writes of their lines would interleave.
tab=$(printf '\t')
line=$name
for arg in "$@"; do line="$line$tab$arg"; done
printf '%s\n' "$line" >>"$dir/calls.log"
args="$*"
n=0
while IFS="$tab" read -r program pattern times code out err delay; do
    n=$((n + 1))
    [ "$program" = "$name" ] || continue
    case "$args" in
        $pattern) ;;
        *) continue ;;
    esac
    if [ "$times" != 0 ]; then
        hits=0
        [ -f "$dir/hits.$n" ] && read -r hits <"$dir/hits.$n"
        [ "$hits" -ge "$times" ] && continue
        echo $((hits + 1)) >"$dir/hits.$n"
    fi
    [ "$out" = - ] || /bin/cat "$out"
    [ "$err" = - ] || printf '%b\n' "$err" >&2
    [ "$delay" = 0 ] || /bin/sleep "$delay"
    exit "$code"
done <"$dir/rules"
echo "fake $name: no rule for: $args" >&2
exit 97
