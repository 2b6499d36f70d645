# The helper image local-path-provisioner runs to create and remove volume folders
# (`sh /script/setup`). Debian's static busybox on scratch, with its applets linked relatively
# (`busybox --install -s` would point them at the build stage's path).
FROM debian:bookworm-slim AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends busybox-static >/dev/null \
    && mkdir -p /out/bin && cp /bin/busybox /out/bin/busybox \
    && for applet in $(/out/bin/busybox --list); do \
        [ "$applet" = busybox ] || ln -s busybox "/out/bin/$applet"; done

FROM scratch
COPY --from=build /out/ /
ENTRYPOINT ["/bin/sh"]
