#include "core/rollout_watch.hpp"

#include <QMap>
#include <algorithm>

#include "core/tools/kubectl.hpp"
#include "core/tools/tool_session.hpp"

namespace helmdeck::core {

QList<DeploymentRollout> rolloutOf(const QList<ReplicaSetStatus>& replicaSets) {
    QMap<QString, DeploymentRollout> byDeployment;
    for (const ReplicaSetStatus& replicaSet : replicaSets) {
        if (replicaSet.deployment.isEmpty()) continue;
        DeploymentRollout& rollout = byDeployment[replicaSet.deployment];
        rollout.deployment = replicaSet.deployment;
        if (rollout.current.name.isEmpty() || replicaSet.revision > rollout.current.revision) {
            if (!rollout.current.name.isEmpty()) rollout.oldReplicas += rollout.current.replicas;
            rollout.current = replicaSet;
        } else {
            rollout.oldReplicas += replicaSet.replicas;
        }
    }
    return byDeployment.values();
}

QString rolloutText(const QList<DeploymentRollout>& rollout) {
    QStringList parts;
    for (const DeploymentRollout& deployment : rollout) {
        QString part = QObject::tr("%1: new %2/%3 ready")
                           .arg(deployment.deployment)
                           .arg(deployment.current.readyReplicas)
                           .arg(deployment.current.desiredReplicas);
        if (deployment.oldReplicas > 0)
            part += QObject::tr(", old %1 left").arg(deployment.oldReplicas);
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

double rolloutFraction(const QList<DeploymentRollout>& rollout) {
    int desired = 0;
    int ready = 0;
    for (const DeploymentRollout& deployment : rollout) {
        desired += deployment.current.desiredReplicas;
        ready += std::min(deployment.current.readyReplicas, deployment.current.desiredReplicas);
    }
    return desired == 0 ? 1.0 : double(ready) / double(desired);
}

QVariantMap rolloutDetail(const QList<DeploymentRollout>& rollout) {
    QVariantList deployments;
    for (const DeploymentRollout& deployment : rollout)
        deployments << QVariantMap{{QStringLiteral("name"), deployment.deployment},
                                   {QStringLiteral("replicaSet"), deployment.current.name},
                                   {QStringLiteral("revision"), deployment.current.revision},
                                   {QStringLiteral("desired"), deployment.current.desiredReplicas},
                                   {QStringLiteral("ready"), deployment.current.readyReplicas},
                                   {QStringLiteral("old"), deployment.oldReplicas}};
    return {{QStringLiteral("kind"), QStringLiteral("rollout")},
            {QStringLiteral("deployments"), deployments}};
}

RolloutWatch::RolloutWatch(QObject* parent) : QObject(parent), session_(new ToolSession(this)) {
    connect(&timer_, &QTimer::timeout, this, &RolloutWatch::poll);
}

void RolloutWatch::start(const KubeScope& scope, const QString& selector, int intervalMs) {
    scope_ = scope;
    selector_ = selector;
    latest_.clear();
    timer_.start(intervalMs);
    poll();
}

void RolloutWatch::stop() {
    timer_.stop();
    session_->cancel();
}

void RolloutWatch::poll() {
    // A slow API server: skip a tick rather than queue calls.
    if (session_->isRunning()) return;
    session_->call(Kubectl(scope_).replicaSets(selector_),
                   [this](const ToolReply<QList<ReplicaSetStatus>>& reply) {
                       // Before the first install there is nothing yet; a failed poll is
                       // not the step's failure (helm's own wait decides that).
                       if (!reply.ok() || !timer_.isActive()) return;
                       const QList<DeploymentRollout> now = rolloutOf(*reply.value);
                       if (now == latest_) return;
                       latest_ = now;
                       Q_EMIT changed();
                   });
}

}  // namespace helmdeck::core
