#pragma once
// `kubectl get pods|deployment -o json` → pod rows and rollout status.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace helmdeck::core {

/// A pod's requests and limits, summed over its containers; 0 where none is set.
struct PodResources {
    double cpuRequestMillicores = 0;
    double cpuLimitMillicores = 0;
    double memoryRequestBytes = 0;
    double memoryLimitBytes = 0;
};

struct PodInfo {
    QString name;
    QString namespace_;
    QString phase;   ///< Pending, Running, Succeeded, Failed, Unknown
    QString status;  ///< what `kubectl get pods` shows: a waiting/terminated reason, else phase
    QString node;
    int readyContainers = 0;
    int totalContainers = 0;
    int restarts = 0;
    bool ready = false;  ///< the pod's Ready condition
    bool terminating = false;
    QDateTime startTime;  ///< status.startTime, else metadata.creationTimestamp
    PodResources resources;

    QString readyText() const {
        return QStringLiteral("%1/%2").arg(readyContainers).arg(totalContainers);
    }
    /// kubectl-style age relative to `now` ("45s", "3h5m").
    QString age(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
};

struct DeploymentStatus {
    QString name;
    QString namespace_;
    int desiredReplicas = 1;  ///< spec.replicas
    int replicas = 0;         ///< status.replicas (old and new pods)
    int readyReplicas = 0;
    int updatedReplicas = 0;
    int availableReplicas = 0;
    qint64 generation = 0;
    qint64 observedGeneration = 0;
    bool progressDeadlineExceeded = false;
    QString message;  ///< the Progressing condition's message

    /// The same test as `kubectl rollout status`: every replica updated and available.
    bool rolledOut() const;
};

/// One ReplicaSet of a Deployment: a revision of its pod template.
struct ReplicaSetStatus {
    QString name;
    QString deployment;  ///< the owning Deployment, empty for a bare ReplicaSet
    int revision = 0;    ///< the deployment.kubernetes.io/revision annotation
    int desiredReplicas = 0;
    int replicas = 0;
    int readyReplicas = 0;
    int availableReplicas = 0;
};

/// Accepts a List (`get pods -o json`) or a single Pod.
std::optional<QList<PodInfo>> parseKubectlPods(const QByteArray& json, QString* error = nullptr);
/// Accepts a List or a single Deployment.
std::optional<QList<DeploymentStatus>> parseKubectlDeployments(const QByteArray& json,
                                                               QString* error = nullptr);

/// Accepts a List (`get replicasets -o json`) or a single ReplicaSet.
std::optional<QList<ReplicaSetStatus>> parseKubectlReplicaSets(const QByteArray& json,
                                                               QString* error = nullptr);

}  // namespace helmdeck::core
