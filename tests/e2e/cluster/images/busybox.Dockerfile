# The helper image local-path-provisioner runs to create and remove volume folders
# (`sh /script/setup`). Debian's static busybox on scratch, with its applets linked.
FROM debian:bookworm-slim AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends busybox-static >/dev/null \
    && mkdir -p /out/bin && cp /bin/busybox /out/bin/busybox && /out/bin/busybox --install -s /out/bin

FROM scratch
COPY --from=build /out/ /
ENTRYPOINT ["/bin/sh"]
