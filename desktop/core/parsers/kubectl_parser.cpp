#include "core/parsers/kubectl_parser.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/parsers/k8s_quantity.hpp"
#include "core/parsers/rfc3339.hpp"

namespace helmdeck::core {

namespace {

// The items of a List, or the object itself when it is of `kind`.
std::optional<QJsonArray> itemsOf(const QByteArray& json, const QString& kind, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("kubectl: invalid JSON: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const QString rootKind = root.value(QLatin1String("kind")).toString();
    if (rootKind == kind) return QJsonArray{root};
    if (rootKind.endsWith(QLatin1String("List")) && root.value(QLatin1String("items")).isArray())
        return root.value(QLatin1String("items")).toArray();
    if (error)
        *error = QStringLiteral("kubectl: expected a %1 or a List, got \"%2\"").arg(kind, rootKind);
    return std::nullopt;
}

// A pod's limit is only meaningful when every container sets one (else it is unbounded), so
// a missing container limit makes the pod's 0; requests simply add up.
PodResources resourcesOf(const QJsonArray& containers) {
    PodResources total;
    bool cpuBounded = !containers.isEmpty();
    bool memoryBounded = !containers.isEmpty();
    for (const QJsonValue& value : containers) {
        const QJsonObject resources = value.toObject().value(QLatin1String("resources")).toObject();
        const QJsonObject requests = resources.value(QLatin1String("requests")).toObject();
        const QJsonObject limits = resources.value(QLatin1String("limits")).toObject();
        total.cpuRequestMillicores +=
            cpuMillicores(requests.value(QLatin1String("cpu")).toString()).value_or(0);
        total.memoryRequestBytes +=
            memoryBytes(requests.value(QLatin1String("memory")).toString()).value_or(0);
        const auto cpuLimit = cpuMillicores(limits.value(QLatin1String("cpu")).toString());
        const auto memoryLimit = memoryBytes(limits.value(QLatin1String("memory")).toString());
        cpuBounded = cpuBounded && cpuLimit.has_value();
        memoryBounded = memoryBounded && memoryLimit.has_value();
        total.cpuLimitMillicores += cpuLimit.value_or(0);
        total.memoryLimitBytes += memoryLimit.value_or(0);
    }
    if (!cpuBounded) total.cpuLimitMillicores = 0;
    if (!memoryBounded) total.memoryLimitBytes = 0;
    return total;
}

PodInfo podFrom(const QJsonObject& pod) {
    const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();

    PodInfo info;
    info.name = metadata.value(QLatin1String("name")).toString();
    info.namespace_ = metadata.value(QLatin1String("namespace")).toString();
    info.node = spec.value(QLatin1String("nodeName")).toString();
    info.phase = status.value(QLatin1String("phase")).toString();
    info.status = status.value(QLatin1String("reason")).toString(info.phase);
    info.terminating = metadata.contains(QLatin1String("deletionTimestamp"));
    info.totalContainers = int(spec.value(QLatin1String("containers")).toArray().size());
    info.resources = resourcesOf(spec.value(QLatin1String("containers")).toArray());
    QString startTime = status.value(QLatin1String("startTime")).toString();
    if (startTime.isEmpty())
        startTime = metadata.value(QLatin1String("creationTimestamp")).toString();
    info.startTime = parseRfc3339(startTime);

    for (const QJsonValue& value : status.value(QLatin1String("containerStatuses")).toArray()) {
        const QJsonObject container = value.toObject();
        if (container.value(QLatin1String("ready")).toBool()) ++info.readyContainers;
        info.restarts += container.value(QLatin1String("restartCount")).toInt();
        // Like kubectl, a container's waiting or terminated reason replaces the phase.
        const QJsonObject state = container.value(QLatin1String("state")).toObject();
        for (const char* key : {"waiting", "terminated"}) {
            const QString reason = state.value(QLatin1String(key))
                                       .toObject()
                                       .value(QLatin1String("reason"))
                                       .toString();
            if (!reason.isEmpty()) info.status = reason;
        }
    }
    for (const QJsonValue& value : status.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject condition = value.toObject();
        if (condition.value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            info.ready =
                condition.value(QLatin1String("status")).toString() == QLatin1String("True");
    }
    if (info.terminating) info.status = QStringLiteral("Terminating");
    return info;
}

DeploymentStatus deploymentFrom(const QJsonObject& deployment) {
    const QJsonObject metadata = deployment.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = deployment.value(QLatin1String("spec")).toObject();
    const QJsonObject status = deployment.value(QLatin1String("status")).toObject();

    DeploymentStatus info;
    info.name = metadata.value(QLatin1String("name")).toString();
    info.namespace_ = metadata.value(QLatin1String("namespace")).toString();
    info.generation = qint64(metadata.value(QLatin1String("generation")).toDouble());
    info.desiredReplicas = spec.value(QLatin1String("replicas")).toInt(1);
    info.replicas = status.value(QLatin1String("replicas")).toInt();
    info.readyReplicas = status.value(QLatin1String("readyReplicas")).toInt();
    info.updatedReplicas = status.value(QLatin1String("updatedReplicas")).toInt();
    info.availableReplicas = status.value(QLatin1String("availableReplicas")).toInt();
    info.observedGeneration = qint64(status.value(QLatin1String("observedGeneration")).toDouble());
    for (const QJsonValue& value : status.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject condition = value.toObject();
        if (condition.value(QLatin1String("type")).toString() != QLatin1String("Progressing"))
            continue;
        info.message = condition.value(QLatin1String("message")).toString();
        info.progressDeadlineExceeded = condition.value(QLatin1String("reason")).toString() ==
                                        QLatin1String("ProgressDeadlineExceeded");
    }
    return info;
}

ReplicaSetStatus replicaSetFrom(const QJsonObject& replicaSet) {
    const QJsonObject metadata = replicaSet.value(QLatin1String("metadata")).toObject();
    const QJsonObject status = replicaSet.value(QLatin1String("status")).toObject();
    ReplicaSetStatus info;
    info.name = metadata.value(QLatin1String("name")).toString();
    for (const QJsonValue& owner : metadata.value(QLatin1String("ownerReferences")).toArray())
        if (owner.toObject().value(QLatin1String("kind")).toString() == QLatin1String("Deployment"))
            info.deployment = owner.toObject().value(QLatin1String("name")).toString();
    info.revision = metadata.value(QLatin1String("annotations"))
                        .toObject()
                        .value(QLatin1String("deployment.kubernetes.io/revision"))
                        .toString()
                        .toInt();
    info.desiredReplicas =
        replicaSet.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt();
    info.replicas = status.value(QLatin1String("replicas")).toInt();
    info.readyReplicas = status.value(QLatin1String("readyReplicas")).toInt();
    info.availableReplicas = status.value(QLatin1String("availableReplicas")).toInt();
    return info;
}

}  // namespace

QString PodInfo::age(const QDateTime& now) const {
    if (!startTime.isValid()) return QStringLiteral("<unknown>");
    return formatAge(startTime.secsTo(now));
}

bool DeploymentStatus::rolledOut() const {
    return observedGeneration >= generation && updatedReplicas >= desiredReplicas &&
           replicas <= updatedReplicas && availableReplicas >= updatedReplicas;
}

std::optional<QList<PodInfo>> parseKubectlPods(const QByteArray& json, QString* error) {
    const auto items = itemsOf(json, QStringLiteral("Pod"), error);
    if (!items) return std::nullopt;
    QList<PodInfo> pods;
    for (const QJsonValue& item : *items) pods << podFrom(item.toObject());
    return pods;
}

std::optional<QList<DeploymentStatus>> parseKubectlDeployments(const QByteArray& json,
                                                               QString* error) {
    const auto items = itemsOf(json, QStringLiteral("Deployment"), error);
    if (!items) return std::nullopt;
    QList<DeploymentStatus> deployments;
    for (const QJsonValue& item : *items) deployments << deploymentFrom(item.toObject());
    return deployments;
}

std::optional<QList<ReplicaSetStatus>> parseKubectlReplicaSets(const QByteArray& json,
                                                               QString* error) {
    const auto items = itemsOf(json, QStringLiteral("ReplicaSet"), error);
    if (!items) return std::nullopt;
    QList<ReplicaSetStatus> replicaSets;
    for (const QJsonValue& item : *items) replicaSets << replicaSetFrom(item.toObject());
    return replicaSets;
}

}  // namespace helmdeck::core
