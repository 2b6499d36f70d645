# shellcheck shell=bash
# Sourced by bench/backend: open-model scenarios with vegeta, which sends at a fixed rate whatever
# the server's latency (wrk waits for each answer, so a slow answer lowers the offered load).
# Needs say(), die(), free_port(), wait_http(), rss_kb(), hwm_kb(), start_postgres(), PG_*, PIDS,
# BIN, WORK, RESULTS and VEGETA from bench/backend.

OPEN_MODEL_DURATION="${BENCH_OPEN_DURATION:-10s}"
SEARCH_DURATION="${BENCH_SEARCH_DURATION:-5s}"
P99_BUDGET_MS="${BENCH_P99_BUDGET_MS:-20}"

# start_server NAME DATABASE_URL [ENV=VALUE…] → sets SERVER_PID and SERVER_BASE
start_server() {
    local name="$1" url="$2" port; shift 2
    port="$(free_port)"
    env "$@" DATABASE_URL="$url" MAX_TASKS_PER_USER=100000000 \
        "$BIN" --host 127.0.0.1 --port "$port" 2>"$WORK/$name.log" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    SERVER_BASE="http://127.0.0.1:$port"
    wait_http "$SERVER_BASE/api/ready"
}

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

# chat_targets URL FILE: the chat.lua message mix, in vegeta's http format (round-robin).
chat_targets() {
    local url="$1" file="$2" i=0 message
    : >"$file"
    for message in 'add a task to buy milk' 'mark task 1 as done' 'what have I completed?'; do
        printf '{"message":"%s"}' "$message" >"$file.body$i"
        printf 'POST %s\nContent-Type: application/json\n@%s\n\n' "$url" "$file.body$i" >>"$file"
        i=$((i + 1))
    done
}

# task_targets URL FILE: a task create and a list, alternating.
task_targets() {
    local url="$1" file="$2"
    printf '{"title":"Open-model task","priority":"medium"}' >"$file.body"
    printf 'POST %s\nContent-Type: application/json\n@%s\n\nGET %s\n\n' "$url" "$file.body" "$url" >"$file"
}

# attack NAME RATE DURATION TARGETS → leaves the raw results in $WORK/NAME.bin
attack() {
    local name="$1" rate="$2" duration="$3" targets="$4"
    "$VEGETA" attack -rate="$rate/1s" -duration="$duration" -timeout=5s -targets="$targets" \
        >"$WORK/$name.bin" || die "vegeta attack $name failed"
}

# report_json NAME RATE → a scenario object: achieved rate, p50/p99 (ms), non-2xx, errors
report_json() {
    local name="$1" rate="$2"
    "$VEGETA" report -type=json "$WORK/$name.bin" >"$WORK/$name.json"
    python3 - "$name" "$rate" "$WORK/$name.json" <<'PY'
import json, sys
name, rate, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = json.load(open(path))
lat = r["latencies"]
codes = r.get("status_codes") or {}
non_2xx = sum(n for code, n in codes.items() if not code.startswith("2") and code != "0")
print(json.dumps({"scenario": name, "generator": "vegeta", "offered_rps": rate,
                  "requests_per_s": round(r["throughput"], 1), "requests": r["requests"],
                  "p50_ms": round(lat["50th"] / 1e6, 2), "p99_ms": round(lat["99th"] / 1e6, 2),
                  "max_ms": round(lat["max"] / 1e6, 2), "non_2xx": non_2xx,
                  "connection_errors": codes.get("0", 0), "status_codes": codes}))
PY
}

# sample_rss PID FILE: the highest VmRSS seen every 100 ms, written to FILE when PID's run ends.
sample_rss() {
    local pid="$1" file="$2" peak=0 rss
    while kill -0 "$pid" 2>/dev/null; do
        rss="$(rss_kb "$SERVER_PID" 2>/dev/null || echo 0)"
        ((rss > peak)) && peak=$rss
        sleep 0.1
    done
    echo "$peak" >"$file"
}

# p99_of NAME → the p99 in ms of a finished report, or a huge number when any request failed
p99_of() {
    python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["p99_ms"] if s["non_2xx"]+s["connection_errors"]==0 else 1e9)' "$1"
}

# The highest chat rate whose p99 stays under the budget: double from 500 until it fails (or 8,000),
# then halve the gap (six steps at most). A step with any non-2xx fails, whatever its p99.
# Each step is a fresh user, so no step lists another's tasks.
search_chat_rate() {
    local targets="$WORK/search.targets" pass=0 fail=0 rate=500 step result p99
    while ((rate <= 8000)); do
        chat_targets "$SERVER_BASE/api/search-$rate/chat" "$targets"
        say "[postgres] rate search: chat at $rate requests/s for $SEARCH_DURATION"
        attack "search_$rate" "$rate" "$SEARCH_DURATION" "$targets"
        result="$(report_json "search_$rate" "$rate")"
        p99="$(p99_of "$result")"
        say "[postgres] rate search: $rate requests/s → p99 $p99 ms"
        echo "$result" >>"$WORK/search.steps"
        if python3 -c "import sys; sys.exit(0 if $p99 < $P99_BUDGET_MS else 1)"; then
            pass=$rate
            ((fail == 0)) && rate=$((rate * 2)) || rate=$(((pass + fail) / 2))
        else
            fail=$rate
            rate=$(((pass + fail) / 2))
        fi
        step=$((${step:-0} + 1))
        ((fail != 0 && (step >= 6 || fail - pass <= fail / 10))) && break
    done
    echo "$pass"
}

# Chat on PostgreSQL at 500 and 1,000 requests/s (RSS sampled through the 1,000 run), then the rate search.
bench_open_model() {
    start_postgres open-model
    say "[postgres] starting todo-chatbot for the open-model runs"
    start_server open-model "$PG_URL"
    local targets="$WORK/chat.targets"
    chat_targets "$SERVER_BASE/api/warmup/chat" "$targets"
    say "[postgres] warm-up: chat at 200 requests/s for 2 s"
    attack warmup 200 2s "$targets"

    chat_targets "$SERVER_BASE/api/open-500/chat" "$targets"
    say "[postgres] vegeta: POST chat at 500 requests/s for $OPEN_MODEL_DURATION"
    attack chat_500rps_open 500 "$OPEN_MODEL_DURATION" "$targets"
    local chat500; chat500="$(report_json chat_500rps_open 500)"

    chat_targets "$SERVER_BASE/api/open-1000/chat" "$targets"
    say "[postgres] vegeta: POST chat at 1,000 requests/s for $OPEN_MODEL_DURATION, sampling RSS"
    local before; before="$(rss_kb "$SERVER_PID")"
    attack chat_1000rps_open 1000 "$OPEN_MODEL_DURATION" "$targets" &
    local attacker=$!
    sample_rss "$attacker" "$WORK/rss_1000" &
    local sampler=$!
    wait "$attacker" || die "vegeta at 1,000 requests/s failed"
    wait "$sampler"
    local chat1000; chat1000="$(report_json chat_1000rps_open 1000)"
    local peak1000; peak1000="$(cat "$WORK/rss_1000")"

    local best; best="$(search_chat_rate)"
    local hwm; hwm="$(hwm_kb "$SERVER_PID")"
    stop_server

    python3 - "$RESULTS/backend-open-model.json" "$before" "$peak1000" "$hwm" "$best" \
        "$P99_BUDGET_MS" "$WORK/search.steps" "$chat500" "$chat1000" <<'PY'
import json, os, platform, sys, datetime
path, before, peak, hwm, best, budget, steps, *scenarios = sys.argv[1:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mb = lambda kb: round(int(kb) / 1024, 1)
json.dump({"store": "postgres", "generator": "vegeta (open model, fixed rate)",
           "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
           "machine": {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
                       "load_average_after_run": os.getloadavg()},
           "rss_before_1000rps_mb": mb(before), "rss_peak_1000rps_mb": mb(peak),
           "rss_hwm_whole_run_mb": mb(hwm), "rss_budget_mb": 64,
           "chat_max_rps_p99_under_ms": {"budget_ms": float(budget), "rate": int(best),
                                         "steps": [json.loads(l) for l in open(steps)]},
           "scenarios": [json.loads(s) for s in scenarios]}, open(path, "w"), indent=2)
print(open(path).read())
if int(peak) / 1024 >= 64:
    sys.exit("RSS reached %.1f MB during the 1,000 requests/s run, over the 64 MB budget" % (int(peak) / 1024))
PY
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast >/dev/null
}
