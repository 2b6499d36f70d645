# todo-chatbot container image: a Debian build stage, and a scratch final stage that holds only
# the stripped binary, the shared libraries it links (with the loader), CA certificates and a
# passwd entry for the unprivileged user.
#
#   docker build -f dockerfiles/chatbot.Dockerfile \
#       --build-arg VERSION=$(git describe --tags --always --dirty) \
#       --build-arg REVISION=$(git rev-parse HEAD) -t todo-chatbot .
#
# The image runs with a read-only root filesystem. With SQLite (the default DATABASE_URL) mount a
# volume or a tmpfs at /data; with DATABASE_URL=postgres://… it writes nothing at all:
#
#   docker run --read-only --cap-drop ALL --security-opt no-new-privileges \
#       --tmpfs /data:uid=10001,gid=10001 -p 127.0.0.1:8080:8080 todo-chatbot
#
# (A bare `--tmpfs /data` is root-owned 0755 and the store cannot open: give it uid/gid 10001.)
#
# No `# syntax=` line: the builder must work offline with the engine's built-in frontend, and with
# both BuildKit and the classic builder (hence no RUN --mount caches either).

ARG BASE_IMAGE=debian:bookworm-slim

# --- Toolchain and libraries. Its own layer, so a source change never reinstalls packages. ---
FROM ${BASE_IMAGE} AS deps
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      binutils ca-certificates cmake g++ libboost-dev libpq-dev libsqlite3-dev libssl-dev \
      ninja-build nlohmann-json3-dev \
 && rm -rf /var/lib/apt/lists/*

# --- Build only the service (the `service` preset: Release, no desktop, no tests). ---
FROM deps AS build
WORKDIR /src
COPY CMakeLists.txt CMakePresets.json ./
COPY cmake/ cmake/
COPY services/ services/
RUN cmake --preset service \
 && cmake --build --preset service --target todo-chatbot \
 && strip --strip-unneeded build-service/bin/todo-chatbot

# Stage the final filesystem under /rootfs: the binary, every library `ldd` resolves (paths kept,
# symlinks followed), the loader, CA certificates and the user database; /data-dir becomes /data.
RUN set -eu; \
    bin=/src/build-service/bin/todo-chatbot; \
    mkdir -p /rootfs/usr/local/bin /rootfs/etc/ssl/certs /data-dir; \
    cp "$bin" /rootfs/usr/local/bin/todo-chatbot; \
    for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do cp --parents -L "$lib" /rootfs; done; \
    cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/; \
    echo 'todo:x:10001:10001:todo-chatbot:/data:/sbin/nologin' > /rootfs/etc/passwd; \
    echo 'todo:x:10001:' > /rootfs/etc/group; \
    printf 'hosts: files dns\n' > /rootfs/etc/nsswitch.conf; \
    /rootfs/usr/local/bin/todo-chatbot --version

# --- The runtime image. ---
FROM scratch
COPY --from=build /rootfs/ /
# The SQLite directory, owned by the user: a fresh named volume inherits it. (--chown rather than
# a chown in the build stage: BuildKit's COPY cache key ignores file ownership.)
COPY --from=build --chown=10001:10001 /data-dir /data
ENV HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite:/data/todo.db \
    LOG_FORMAT=json \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 10001:10001
WORKDIR /data
EXPOSE 8080
# Last, so a new version or revision changes only metadata.
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="todo-chatbot" \
      org.opencontainers.image.description="Natural-language todo assistant: HTTP API, PostgreSQL or SQLite store" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="scratch"
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/todo-chatbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/todo-chatbot"]
