#pragma once
// The command lines that put a locally built image into a cluster's runtime: minikube's and
// kind's own loaders, and containerd's import (kind's model without kind) for a node whose
// socket CONTAINERD_ADDRESS names.

#include "core/tools/tool_command.hpp"

namespace helmdeck::core {

/// `minikube image load REFERENCE [--profile PROFILE]`.
ToolCommand minikubeImageLoad(const QString& reference, const QString& profile);
/// `kind load docker-image REFERENCE --name CLUSTER`.
ToolCommand kindLoadDockerImage(const QString& reference, const QString& cluster);
/// `docker save --output FILE REFERENCE`: the archive that `containerdImport` reads.
ToolCommand dockerSave(const QString& reference, const QString& file);
/// `ctr --namespace k8s.io images import FILE`: the namespace the kubelet's CRI looks in.
ToolCommand containerdImport(const QString& file);

}  // namespace helmdeck::core
