# todo-web container image: the browser UI's static bundle served by Debian's nginx, which also
# proxies /api/ to the backend. Three stages: the bundle (Debian's Node), nginx's files (Debian's
# nginx and a small C entry point), and a scratch final stage with exactly those files.
#
#   docker build -f dockerfiles/web.Dockerfile -t todo-web .
#   docker run --read-only --cap-drop ALL --tmpfs /tmp:uid=10001,gid=10001 \
#       -e API_UPSTREAM=http://todo-chatbot:8080 -p 127.0.0.1:8081:8080 todo-web
#
# The bundle stage runs `npm ci --offline` from the committed lockfile and an npm cache in the
# context (services/web/.npm-offline, filled by `./dev setup` on the host): build containers
# here cannot reach the npm registry (its TLS is re-signed by a CA only the host trusts), and an
# offline install is reproducible anywhere. Without that cache, `npm ci` goes to the registry. Only the production dependencies, vite and
# typescript, are installed: they run on Debian 12's Node 18.
#
# No `# syntax=` line and no RUN --mount: the engine's built-in frontend, BuildKit or classic.

ARG BASE_IMAGE=debian:bookworm-slim

# --- Node and npm from Debian. Their own layer: a source change never reinstalls them. ---
FROM ${BASE_IMAGE} AS node
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates nodejs npm \
 && rm -rf /var/lib/apt/lists/*

# --- The static bundle. The lockfile's layer is reused until the dependencies change. ---
FROM node AS bundle
WORKDIR /web
# The cache is optional ([e]: a pattern may match nothing): without it npm ci goes online.
COPY services/web/.npm-offlin[e] /npm-offline/
COPY services/web/package.json services/web/package-lock.json ./
RUN if [ -d /npm-offline/_cacache ]; then \
        npm ci --offline --cache /npm-offline --omit=dev --no-audit --no-fund --loglevel=warn \
        || { echo "npm ci --offline failed: refresh the cache with ./dev setup (services/web/.npm-offline)" >&2; exit 1; }; \
    else \
        npm ci --omit=dev --no-audit --no-fund --loglevel=warn; \
    fi
COPY services/web/index.html services/web/tsconfig.json services/web/vite.config.ts ./
COPY services/web/public/ public/
COPY services/web/src/ src/
RUN npm run build

# --- nginx, its libraries and the entry point, staged under /rootfs. ---
FROM ${BASE_IMAGE} AS server
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
COPY services/web/server/ /src/
RUN set -eu; \
    gcc -O2 -Wall -Wextra -Werror -o /src/todo-web /src/todo-web.c; \
    strip --strip-unneeded /src/todo-web; \
    mkdir -p /rootfs/usr/sbin /rootfs/usr/local/bin /rootfs/etc/nginx /rootfs/tmp /rootfs/srv/www; \
    cp /usr/sbin/nginx /rootfs/usr/sbin/nginx; \
    cp /src/todo-web /rootfs/usr/local/bin/todo-web; \
    for lib in $({ ldd /usr/sbin/nginx; ldd /src/todo-web; } | grep -o '/[^ ]*' | sort -u); do cp --parents -L "$lib" /rootfs; done; \
    cp /etc/nginx/mime.types /rootfs/etc/nginx/; \
    cp /src/nginx.conf /src/api-proxy.conf /src/security-headers.conf /rootfs/etc/nginx/; \
    echo 'web:x:10001:10001:todo-web:/nonexistent:/sbin/nologin' > /rootfs/etc/passwd; \
    echo 'web:x:10001:' > /rootfs/etc/group; \
    printf 'hosts: files dns\n' > /rootfs/etc/nsswitch.conf; \
    chmod 1777 /rootfs/tmp; \
    /rootfs/usr/sbin/nginx -V 2>&1 | head -1

# --- The runtime image. ---
FROM scratch
COPY --from=server /rootfs/ /
COPY --from=bundle /web/dist/ /srv/www/
ENV API_UPSTREAM=http://todo-chatbot:8080
USER 10001:10001
EXPOSE 8080
# nginx finishes the requests in flight on SIGQUIT; SIGTERM would drop them.
STOPSIGNAL SIGQUIT
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="todo-web" \
      org.opencontainers.image.description="The todo-chatbot's browser UI; proxies /api/ to the backend" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="scratch"
HEALTHCHECK --interval=10s --timeout=3s --start-period=3s --retries=3 \
    CMD ["/usr/local/bin/todo-web", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/todo-web"]
