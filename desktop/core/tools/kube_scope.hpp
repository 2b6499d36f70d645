#pragma once
// Which cluster and namespace a Helm or Kubectl call talks to.

#include <QString>
#include <QStringList>

namespace helmdeck::core {

struct Profile;

/// The kube context (empty: kubectl's current one) and the namespace of every call.
struct KubeScope {
    QString context;
    QString namespace_;

    /// The profile's cluster.context, else `resolvedContext` (the one preflight saw, so a
    /// kubeconfig switch mid-run cannot retarget the run), and the release's namespace.
    static KubeScope of(const Profile& profile, const QString& resolvedContext = {});
    bool operator==(const KubeScope&) const = default;
};

}  // namespace helmdeck::core
