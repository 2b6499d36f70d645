# One static binary on scratch, run as nobody: the pause, CoreDNS and local-path-provisioner
# images of the test cluster. Build with the binary's folder as the context:
#   docker build --build-arg BINARY=coredns -f static-binary.Dockerfile BIN_DIR
# The CRI wants an entrypoint in the image, and exec form cannot expand an ARG: hence the name.
FROM scratch
ARG BINARY
COPY ${BINARY} /entrypoint
USER 65534:65534
ENTRYPOINT ["/entrypoint"]
