#pragma once
// The local test cluster of tests/e2e/cluster/ (a control plane on 127.0.0.1 and a real node:
// containerd, kubelet, kube-proxy, CoreDNS, local-path storage) as a test fixture, plus
// blocking helm/kubectl helpers.

#include <QJsonDocument>
#include <QString>
#include <QStringList>

namespace helmdeck::testing {

struct CommandResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return finished && exitCode == 0; }
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    /// "exit N: <stderr tail>" for failure messages.
    QString describe() const;
};

/// Runs `program` to completion, bounded by `timeoutMs` (killed after it), inheriting our
/// environment (so KUBECONFIG and PATH set by LocalCluster::up apply).
CommandResult runCommand(const QString& program, const QStringList& arguments, int timeoutMs);

class LocalCluster {
public:
    /// Where the cluster keeps certificates, kubeconfig, logs and pids (kept after the run for
    /// post-mortems): <build>/e2e-cluster.
    LocalCluster();
    ~LocalCluster();

    /// True when the binaries are cached or Go is there to build them.
    static bool canBuild();
    /// Builds the binaries if missing (cold: minutes), then starts a fresh cluster. On success
    /// exports KUBECONFIG and CONTAINERD_ADDRESS (the node's runtime) and puts the cluster's
    /// kubectl and ~/go/bin (helm) first on PATH for this process and its children.
    bool up(QString* why);
    /// Stops every process of the cluster; true when down.sh confirmed nothing is left.
    bool down(QString* why = nullptr);

    QString runDir() const { return runDir_; }
    QString kubeconfig() const { return runDir_ + QStringLiteral("/kubeconfig"); }
    /// The node's containerd socket (what `ctr --address` takes).
    QString containerdAddress() const { return containerdAddress_; }

private:
    QString script(const QString& name) const;
    bool isUp_ = false;
    QString runDir_;
    QString containerdAddress_;
};

}  // namespace helmdeck::testing
