# shellcheck shell=bash
# Docker support for ./dev (sourced; ./dev defines ROOT, say and die).
#   ensure_docker       a Docker engine that answers (installs docker.io, starts dockerd as root)
#   ensure_base_image   debian:bookworm-slim in the local engine (pulled, or seeded offline)
#   build_image [ARGS]  builds todo-chatbot:<git describe> and :latest, prints its size

HELMDECK_IMAGE_REPO="${HELMDECK_IMAGE_REPO:-todo-chatbot}"
HELMDECK_IMAGE_BUDGET_MB=500  # the seed's hard budget (Verdict: slo.imageSizeMb)
HELMDECK_IMAGE_TARGET_MB=30   # what this image aims for
DOCKERD_START_TIMEOUT=60

_docker_as_root() {
    if declare -F as_root >/dev/null; then as_root "$@"
    elif [[ $EUID -eq 0 ]]; then "$@"
    else die "need root to run: $*"; fi
}

_docker_answers() { docker info >/dev/null 2>&1; }

# Whether `pid` is a live (not zombie) dockerd.
_dockerd_alive() {
    [[ "$1" =~ ^[0-9]+$ && "$(cat "/proc/$1/comm" 2>/dev/null)" == dockerd ]] &&
        ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

ensure_docker() {
    local have_engine=1
    command -v dockerd >/dev/null || [[ -x /usr/sbin/dockerd ]] || _docker_answers || have_engine=0
    if ! command -v docker >/dev/null || ((have_engine == 0)); then
        command -v apt-get >/dev/null || die "Docker is missing and there is no apt-get; install Docker Engine"
        say "docker: installing Debian's docker.io"
        _docker_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq -o DPkg::Lock::Timeout=600 ||
            die "apt-get update failed (is the Debian mirror reachable?)"
        _docker_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends \
            docker.io iptables ca-certificates >/dev/null || die "apt-get install docker.io failed"
    fi
    if _docker_answers; then
        say "docker: engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers"
        return
    fi
    if [[ $EUID -ne 0 ]]; then
        die "no Docker engine answers. Start it (sudo systemctl start docker, or sudo dockerd &) and make sure you may use it (sudo usermod -aG docker \$USER, then log in again)"
    fi
    local dockerd log="$ROOT/build/dockerd.log" pidfile=/var/run/docker.pid daemon_pid=""
    dockerd="$(command -v dockerd || echo /usr/sbin/dockerd)"
    mkdir -p "$ROOT/build"
    if [[ -f "$pidfile" ]] && _dockerd_alive "$(<"$pidfile")"; then
        daemon_pid="$(<"$pidfile")"
        say "docker: dockerd (pid $daemon_pid) is running but not answering yet; waiting"
    else
        # A killed engine leaves its pid file behind, and dockerd refuses to start over it.
        rm -f "$pidfile"
        say "docker: starting dockerd in the background (log: ${log#"$ROOT"/})"
        # setsid: the engine outlives this script and is not hit by its Ctrl+C.
        setsid "$dockerd" >>"$log" 2>&1 </dev/null &
        daemon_pid=$!
    fi
    local deadline=$((SECONDS + DOCKERD_START_TIMEOUT))
    until _docker_answers; do
        if ! kill -0 "$daemon_pid" 2>/dev/null; then
            tail -5 "$log" >&2
            die "dockerd exited at start; see ${log#"$ROOT"/}"
        fi
        ((SECONDS < deadline)) || die "dockerd did not answer within ${DOCKERD_START_TIMEOUT}s; see ${log#"$ROOT"/}"
        sleep 1
    done
    say "docker: engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers"
}

ensure_base_image() {
    "$ROOT/dockerfiles/seed-base-image" debian:bookworm-slim | while IFS= read -r line; do say "$line"; done
    ((PIPESTATUS[0] == 0)) || die "could not provide the base image debian:bookworm-slim"
}

# Sets DOCKER_BUILD (a command array) and DOCKER_BUILDER (its name). BuildKit honours the
# per-Dockerfile .dockerignore and prints --progress=plain; the Docker CLI ≥ 23 needs the buildx
# plugin for it, while Debian's docker.io 20.10 client has it built in.
select_docker_builder() {
    local client major
    if docker buildx version >/dev/null 2>&1; then
        DOCKER_BUILD=(env DOCKER_BUILDKIT=1 docker build --progress=plain)
        DOCKER_BUILDER="BuildKit (buildx)"
        return
    fi
    for client in "$(command -v docker)" /usr/bin/docker; do
        [[ -x "$client" ]] || continue
        major="$("$client" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')"
        if [[ -n "$major" ]] && ((major < 23)); then
            DOCKER_BUILD=(env DOCKER_BUILDKIT=1 "$client" build --progress=plain)
            DOCKER_BUILDER="BuildKit (built into $client $major.x)"
            return
        fi
    done
    DOCKER_BUILD=(env DOCKER_BUILDKIT=0 docker build)
    DOCKER_BUILDER="classic builder (root .dockerignore)"
}

build_image() {
    local tag revision log="$ROOT/build/image-build.log"
    tag="$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)"
    revision="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
    select_docker_builder
    mkdir -p "$ROOT/build"
    say "image: building $HELMDECK_IMAGE_REPO:$tag with $DOCKER_BUILDER (log: ${log#"$ROOT"/})"
    local started=$SECONDS
    if ! (set -o pipefail; cd "$ROOT" && "${DOCKER_BUILD[@]}" -f dockerfiles/chatbot.Dockerfile \
        --build-arg VERSION="$tag" --build-arg REVISION="$revision" \
        -t "$HELMDECK_IMAGE_REPO:$tag" -t "$HELMDECK_IMAGE_REPO:latest" "$@" . 2>&1 | tee "$log"); then
        die "docker build failed; see ${log#"$ROOT"/}"
    fi
    docker image inspect "$HELMDECK_IMAGE_REPO:$tag" >/dev/null 2>&1 || die "docker build did not produce $HELMDECK_IMAGE_REPO:$tag; see ${log#"$ROOT"/}"

    local bytes mb
    bytes="$(docker image inspect -f '{{.Size}}' "$HELMDECK_IMAGE_REPO:$tag")"
    mb="$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')"
    say "image: $HELMDECK_IMAGE_REPO:$tag (also :latest) built in $((SECONDS - started))s"
    say "image: size $mb MB — target $HELMDECK_IMAGE_TARGET_MB MB, budget $HELMDECK_IMAGE_BUDGET_MB MB"
    if ((bytes > HELMDECK_IMAGE_BUDGET_MB * 1000000)); then
        die "image is $mb MB, over the $HELMDECK_IMAGE_BUDGET_MB MB budget"
    elif ((bytes > HELMDECK_IMAGE_TARGET_MB * 1000000)); then
        say "image: warning: over the $HELMDECK_IMAGE_TARGET_MB MB target"
    fi
}
