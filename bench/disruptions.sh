# shellcheck shell=bash
# Sourced by bench/backend: what a 200 requests/s open-model client sees through a SIGTERM of the
# server and through a 20 s PostgreSQL stop. Uses attack(), start_server() and task_targets()
# from bench/open_model.sh, and psql to check what the database kept.

DISRUPTION_RATE="${BENCH_DISRUPTION_RATE:-200}"
OUTAGE_SECONDS="${BENCH_OUTAGE_SECONDS:-20}"

now_s() { date +%s.%N; }

# encode_results NAME → one JSON object per request (code, timestamp, latency, error, body)
encode_results() {
    "$VEGETA" encode -to json "$WORK/$1.bin" >"$WORK/$1.jsonl" || die "vegeta encode $1 failed"
}

# SIGTERM 3 s into an 8 s run. The drain delay (10 s) outlasts the run, as a load balancer would
# stop routing within the chart's preStop: every request must be answered, every 201 stored.
bench_drain() {
    start_postgres drain
    say "[drain] starting todo-chatbot on PostgreSQL (DRAIN_DELAY_SECONDS=10)"
    start_server drain "$PG_URL" DRAIN_DELAY_SECONDS=10
    local targets="$WORK/drain.targets"
    printf '{"title":"Drain task","priority":"medium"}' >"$targets.body"
    printf 'POST %s\nContent-Type: application/json\n@%s\n\n' \
        "$SERVER_BASE/api/drain/tasks" "$targets.body" >"$targets"
    say "[drain] vegeta: POST tasks at $DISRUPTION_RATE requests/s for 8 s, SIGTERM at 3 s"
    attack drain "$DISRUPTION_RATE" 8s "$targets" &
    local attacker=$! started; started="$(now_s)"
    sleep 3
    local sigterm_at; sigterm_at="$(now_s)"
    kill -TERM "$SERVER_PID"
    sleep 1
    local ready_status; ready_status="$(curl -s -o /dev/null -w '%{http_code}' "$SERVER_BASE/api/ready" || true)"
    wait "$attacker" || die "vegeta through the drain failed"
    local exit_code=0
    wait "$SERVER_PID" || exit_code=$?
    encode_results drain
    psql -h 127.0.0.1 -p "$PG_PORT" -U bench -d bench -Atc \
        "SELECT id FROM tasks WHERE user_id = 'drain'" >"$WORK/drain.stored" ||
        die "psql could not read the drained tasks back"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast >/dev/null

    python3 - "$RESULTS/backend-drain.json" "$WORK/drain.jsonl" "$WORK/drain.stored" "$started" \
        "$sigterm_at" "$ready_status" "$exit_code" "$DISRUPTION_RATE" <<'PY'
import base64, collections, json, os, sys, datetime
path, results, stored, started, sigterm_at, ready, exit_code, rate = sys.argv[1:]
rows = [json.loads(line) for line in open(results)]
stored_ids = {int(line) for line in open(stored) if line.strip()}
codes = collections.Counter(r["code"] for r in rows)
created = [json.loads(base64.b64decode(r["body"]))["id"] for r in rows if r["code"] == 201]
missing = [i for i in created if i not in stored_ids]
errors = collections.Counter(r["error"].split(": ")[-1] for r in rows if r["code"] == 0)
summary = {"scenario": "drain_sigterm", "generator": "vegeta", "offered_rps": int(rate),
           "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
           "load_average_after_run": os.getloadavg(),
           "sigterm_after_s": round(float(sigterm_at) - float(started), 2),
           "requests": len(rows), "status_codes": {str(k): v for k, v in sorted(codes.items())},
           "non_2xx": sum(v for k, v in codes.items() if k != 0 and not 200 <= k < 300),
           "connection_errors": codes.get(0, 0), "connection_error_kinds": dict(errors),
           "created_201": len(created), "created_but_not_stored": len(missing),
           "ready_status_while_draining": int(ready or 0), "server_exit_code": int(exit_code)}
json.dump(summary, open(path, "w"), indent=2)
print(json.dumps(summary, indent=2))
if missing:
    sys.exit("%d tasks answered 201 through the drain are not in the database" % len(missing))
PY
}

# PostgreSQL stops (fast) 10 s into a run and starts again OUTAGE_SECONDS later; the server must
# fail fast with 503 meanwhile and recover as soon as the database is back.
bench_outage() {
    start_postgres outage
    say "[outage] starting todo-chatbot on PostgreSQL"
    start_server outage "$PG_URL"
    local targets="$WORK/outage.targets" seconds=$((OUTAGE_SECONDS + 20))
    task_targets "$SERVER_BASE/api/outage/tasks" "$targets"
    say "[outage] vegeta: POST + GET tasks at $DISRUPTION_RATE requests/s for ${seconds} s"
    attack outage "$DISRUPTION_RATE" "${seconds}s" "$targets" &
    local attacker=$!
    sleep 10
    say "[outage] stopping PostgreSQL for $OUTAGE_SECONDS s"
    local stopped_at; stopped_at="$(now_s)"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast >/dev/null
    sleep "$OUTAGE_SECONDS"
    pg_start
    local back_at; back_at="$(now_s)"
    say "[outage] PostgreSQL is accepting connections again"
    wait "$attacker" || die "vegeta through the outage failed"
    stop_server
    encode_results outage
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast >/dev/null

    python3 - "$RESULTS/backend-outage.json" "$WORK/outage.jsonl" "$stopped_at" "$back_at" \
        "$DISRUPTION_RATE" "$OUTAGE_SECONDS" <<'PY'
import collections, json, os, re, sys, datetime
path, results, stopped_at, back_at, rate, outage = sys.argv[1:]
stopped_at, back_at = float(stopped_at), float(back_at)
def sent(r):  # RFC 3339 with nanoseconds → epoch seconds
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$", r["timestamp"])
    base = datetime.datetime.fromisoformat(m.group(1) + (m.group(3).replace("Z", "+00:00")))
    return base.timestamp() + float("0." + (m.group(2) or "0"))
rows = sorted(({"sent": sent(r), "done": sent(r) + r["latency"] / 1e9, **r}
               for r in map(json.loads, open(results))), key=lambda r: r["sent"])
def kind(r):
    if r["code"] == 0:
        return "connection_error: " + r["error"].split(": ")[-1]
    return "2xx" if 200 <= r["code"] < 300 else str(r["code"])
kinds = collections.Counter(kind(r) for r in rows)
during = [r for r in rows if stopped_at <= r["sent"] < back_at]
fails_during = [r for r in during if not 200 <= r["code"] < 300]
failed = [r for r in rows if not 200 <= r["code"] < 300]
after = [r for r in rows if r["sent"] >= back_at]
first_ok = next((r for r in after if 200 <= r["code"] < 300), None)
last_fail = max((r["done"] for r in failed), default=None)
lat_503 = sorted(r["latency"] / 1e6 for r in rows if r["code"] == 503)
pct = lambda xs, q: round(xs[min(len(xs) - 1, int(q * len(xs)))], 2) if xs else None
summary = {"scenario": "postgres_outage", "generator": "vegeta", "offered_rps": int(rate),
           "outage_s": int(outage),
           "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
           "load_average_after_run": os.getloadavg(),
           "requests": len(rows), "by_kind": dict(sorted(kinds.items())),
           "requests_during_outage": len(during), "failed_during_outage": len(fails_during),
           "failed_outside_outage": len([r for r in failed if not stopped_at <= r["sent"] < back_at]),
           "p50_ms_503": pct(lat_503, 0.5), "p99_ms_503": pct(lat_503, 0.99),
           "first_2xx_after_pg_back_s": round(first_ok["done"] - back_at, 3) if first_ok else None,
           "last_failure_after_pg_back_s": round(last_fail - back_at, 3) if last_fail else None}
json.dump(summary, open(path, "w"), indent=2)
print(json.dumps(summary, indent=2))
PY
}
