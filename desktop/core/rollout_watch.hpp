#pragma once
// The rollout as it happens: the release's ReplicaSets, polled while `helm upgrade --wait`
// runs, reduced to each Deployment's new ReplicaSet and the pods its old ones still hold.

#include <QList>
#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include "core/parsers/kubectl_parser.hpp"
#include "core/tools/kube_scope.hpp"

namespace helmdeck::core {

class ToolSession;

struct DeploymentRollout {
    QString deployment;
    ReplicaSetStatus current;  ///< the newest revision's ReplicaSet
    int oldReplicas = 0;       ///< pods still in older ReplicaSets
    bool operator==(const DeploymentRollout& other) const {
        return deployment == other.deployment && current.name == other.current.name &&
               current.desiredReplicas == other.current.desiredReplicas &&
               current.readyReplicas == other.current.readyReplicas &&
               current.replicas == other.current.replicas && oldReplicas == other.oldReplicas;
    }
};

/// Per Deployment (sorted by name): its newest ReplicaSet and what the older ones hold.
QList<DeploymentRollout> rolloutOf(const QList<ReplicaSetStatus>& replicaSets);
/// "todo-chatbot: new 1/2 ready, old 1 left; todo-chatbot-web: new 2/2 ready".
QString rolloutText(const QList<DeploymentRollout>& rollout);
/// New ready pods over desired ones, 0..1 (1 when nothing is desired).
double rolloutFraction(const QList<DeploymentRollout>& rollout);
/// The step's detail map: {"kind": "rollout", "deployments": [{name, replicaSet, revision,
/// desired, ready, old}]}, for the Pipeline card.
QVariantMap rolloutDetail(const QList<DeploymentRollout>& rollout);

class RolloutWatch : public QObject {
    Q_OBJECT

public:
    explicit RolloutWatch(QObject* parent = nullptr);

    /// Polls `kubectl get replicasets -l SELECTOR` in `scope` every `intervalMs` until stop().
    void start(const KubeScope& scope, const QString& selector, int intervalMs);
    void stop();
    const QList<DeploymentRollout>& latest() const { return latest_; }

Q_SIGNALS:
    /// latest() moved (a pod became ready, an old one went away).
    void changed();

private:
    void poll();

    ToolSession* session_ = nullptr;
    QTimer timer_;
    KubeScope scope_;
    QString selector_;
    QList<DeploymentRollout> latest_;
};

}  // namespace helmdeck::core
