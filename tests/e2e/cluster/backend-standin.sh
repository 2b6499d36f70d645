#!/usr/bin/env bash
# Runs todo-chatbot on 127.0.0.1:PORT with its stderr log rewritten into the CRI log format
# ("<time> stderr F <line>") that KWOK's Logs serve to `kubectl logs`.
# Usage: backend-standin.sh BINARY PORT CRI_LOG_FILE   (DATABASE_URL etc. from the environment)
set -euo pipefail
binary=$1 port=$2 log_file=$3
to_cri_log() {
    local line
    export TZ=UTC
    while IFS= read -r line || [[ -n $line ]]; do
        printf '%(%Y-%m-%dT%H:%M:%S)TZ stderr F %s\n' -1 "$line"
    done
}
exec 2> >(to_cri_log >>"$log_file")
exec "$binary" --host 127.0.0.1 --port "$port"
