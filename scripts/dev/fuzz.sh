# shellcheck shell=bash
# Sourced by ./dev: `./dev fuzz [target] [seconds]` builds the libFuzzer targets (the `fuzz`
# preset: clang from Debian, ASan + UBSan, into build-fuzz/) and runs them from the seed corpus
# in tests/fuzz/corpus/. Without a target, every one runs as the ctest `fuzz` label (60 s each
# by default, one per core at a time); `./dev test` ends with that, so CI fuzzes every run. A
# crash leaves its input in build-fuzz/; add it to the target's corpus directory as a
# regression input. `./dev fuzz campaign [runs] [target…]` runs every target (or those named)
# to a fixed number of executions (default 10^7), one per core at a time, and merges the inputs
# that add coverage into tests/fuzz/corpus/ (libFuzzer -merge=1), so each CI run starts from
# what it found.

APT_PACKAGES+=(clang libclang-rt-14-dev)

HELMDECK_FUZZ_TARGETS=(fuzz_http_head fuzz_request_body fuzz_intent fuzz_database_url fuzz_jwt)

cmd_fuzz() {
    if [[ ${1:-} == campaign ]]; then
        shift
        fuzz_campaign "$@"
        return
    fi
    local target="${1:-}" seconds="${2:-60}"
    ensure_apt_packages "${APT_PACKAGES[@]}"
    cd "$ROOT" || die "cannot enter $ROOT"
    [[ $seconds =~ ^[0-9]+$ ]] || die "seconds must be a number, got '$seconds'"
    if [[ -n $target && ! " ${HELMDECK_FUZZ_TARGETS[*]} " == *" $target "* ]]; then
        die "unknown fuzz target '$target' (one of: ${HELMDECK_FUZZ_TARGETS[*]})"
    fi
    say "configuring the fuzz preset (clang, ASan + UBSan → build-fuzz/)"
    cmake --preset fuzz -DHELMDECK_FUZZ_SECONDS="$seconds" >/dev/null ||
        die "cmake configure failed (run: cmake --preset fuzz)"
    say "building ${target:-${HELMDECK_FUZZ_TARGETS[*]}}"
    cmake --build build-fuzz --target ${target:-"${HELMDECK_FUZZ_TARGETS[@]}"} -- -j"$(nproc)" ||
        die "fuzz build failed"
    if [[ -n $target ]]; then
        say "running $target for $seconds s from tests/fuzz/corpus/$target"
        mkdir -p "build-fuzz/tests/fuzz/corpus/$target"
        (cd build-fuzz && "bin/$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
            "tests/fuzz/corpus/$target" "$ROOT/tests/fuzz/corpus/$target") || die "$target found a crash"
    else
        say "running every fuzz target for $seconds s, $(nproc) at a time (ctest -L fuzz)"
        local log="$ROOT/build-fuzz/fuzz-last-run.log" status=0
        ctest --test-dir build-fuzz -L fuzz -j"$(nproc)" --output-on-failure -V >"$log" 2>&1 || status=$?
        fuzz_summary "$log"
        ((status == 0)) || { tail -n 60 "$log" >&2; die "a fuzz target found a crash (log: $log)"; }
    fi
}

fuzz_campaign() {
    local runs="${1:-10000000}" target jobs=0 status=0
    [[ $runs =~ ^[0-9]+$ ]] || die "runs must be a number, got '$runs'"
    local targets=("${@:2}")
    ((${#targets[@]})) || targets=("${HELMDECK_FUZZ_TARGETS[@]}")
    for target in "${targets[@]}"; do
        [[ " ${HELMDECK_FUZZ_TARGETS[*]} " == *" $target "* ]] ||
            die "unknown fuzz target '$target' (one of: ${HELMDECK_FUZZ_TARGETS[*]})"
    done
    ensure_apt_packages "${APT_PACKAGES[@]}"
    cd "$ROOT" || die "cannot enter $ROOT"
    say "configuring and building the fuzz preset (clang, ASan + UBSan → build-fuzz/)"
    cmake --preset fuzz >/dev/null || die "cmake configure failed (run: cmake --preset fuzz)"
    cmake --build build-fuzz --target "${targets[@]}" -- -j"$(nproc)" ||
        die "fuzz build failed"
    local work="$ROOT/build-fuzz/campaign"
    mkdir -p "$work"
    say "fuzzing ${targets[*]} to $runs executions each, $(nproc) at a time (logs: $work/TARGET.log)"
    for target in "${targets[@]}"; do
        mkdir -p "$work/$target"
        "build-fuzz/bin/$target" -runs="$runs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$work/$target-" "$work/$target" "tests/fuzz/corpus/$target" \
            >"$work/$target.log" 2>&1 &
        jobs=$((jobs + 1))
        if ((jobs >= $(nproc))); then
            wait -n || status=1
            jobs=$((jobs - 1))
        fi
    done
    while ((jobs > 0)); do
        wait -n || status=1
        jobs=$((jobs - 1))
    done
    for target in "${targets[@]}"; do
        printf '    %s: %s executions in %s s, %s crashes\n' "$target" \
            "$(awk '/stat::number_of_executed_units:/ {print $NF}' "$work/$target.log")" \
            "$(awk '/^Done [0-9]+ runs in/ {print $5}' "$work/$target.log")" \
            "$(find "$work" -maxdepth 1 -name "$target-crash-*" | wc -l)" >&2
    done
    ((status == 0)) || die "a fuzz target failed (logs and inputs: $work)"
    # -merge=1 adds to the first directory only the inputs of the others that reach new coverage.
    say "merging what the campaign found into tests/fuzz/corpus/"
    for target in "${targets[@]}"; do
        "build-fuzz/bin/$target" -merge=1 "tests/fuzz/corpus/$target" "$work/$target" \
            >"$work/$target.merge.log" 2>&1 || die "merging $target failed (log: $work/$target.merge.log)"
        say "$target: $(find "tests/fuzz/corpus/$target" -type f | wc -l) corpus inputs"
    done
}

# One line per target from ctest's verbose log: libFuzzer's final count of executions.
fuzz_summary() {
    awk '/Test command:/ { n = split($4, part, "/"); name[$1] = part[n] }
         /stat::number_of_executed_units:/ { printf "    %s: %s executions\n", name[$1], $NF }' "$1" |
        sort >&2
}
