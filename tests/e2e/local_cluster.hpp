#pragma once
// The local test cluster of tests/e2e/cluster/ (etcd, kube-apiserver, controller manager,
// scheduler and KWOK on 127.0.0.1) as a test fixture, plus blocking helm/kubectl helpers.

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
    /// Builds the binaries if missing (cold: minutes), then starts a fresh cluster with a
    /// stand-in todo-chatbot. On success exports KUBECONFIG and puts the cluster's kubectl and
    /// ~/go/bin (helm) first on PATH for this process and its children.
    bool up(QString* why);
    /// Stops every process of the cluster; true when down.sh confirmed nothing is left.
    bool down(QString* why = nullptr);

    QString runDir() const { return runDir_; }
    QString kubeconfig() const { return runDir_ + QStringLiteral("/kubeconfig"); }
    /// The stand-in backend every pod's port-forward reaches, e.g. http://127.0.0.1:23456.
    QString backendUrl() const { return backendUrl_; }
    /// The stand-in's log in the CRI format that `kubectl logs` serves.
    QString backendLogFile() const { return runDir_ + QStringLiteral("/logs/backend.cri.log"); }

private:
    QString script(const QString& name) const;
    bool isUp_ = false;
    QString runDir_;
    QString backendUrl_;
};

}  // namespace helmdeck::testing
