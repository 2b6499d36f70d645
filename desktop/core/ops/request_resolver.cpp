#include "core/ops/request_resolver.hpp"

#include <QStringList>

#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

namespace {

QStringList names(const QList<QJsonObject>& objects) {
    QStringList out;
    for (const QJsonObject& object : objects) out << nameOfObject(object);
    return out;
}

QString listText(const QList<QJsonObject>& objects) {
    const QStringList all = names(objects);
    return all.isEmpty() ? QStringLiteral("none") : all.join(QStringLiteral(", "));
}

// "backend", "todo-chatbot", "" → the release's Deployment, or the only one there is.
std::optional<QString> deploymentFor(const QString& subject, const ClusterSnapshot& snapshot,
                                     const ActionContext& context) {
    const QStringList all = names(snapshot.deployments);
    if (all.contains(subject)) return subject;
    for (const QString& name : all)
        if (!subject.isEmpty() && subject.contains(QLatin1Char('-')) && name.startsWith(subject)) return name;
    if (subject.contains(QLatin1Char('-'))) return std::nullopt;  // a name that is not there
    for (const QJsonObject& deployment : snapshot.deployments)
        if (textAt(deployment, {"metadata", "labels", "app.kubernetes.io/component"}) == subject) return nameOfObject(deployment);
    if (all.contains(context.release)) return context.release;
    if (all.size() == 1) return all.first();
    return std::nullopt;
}

bool crashing(const QJsonObject& pod) {
    for (const QJsonValue& value : arrayAt(pod, {"status", "containerStatuses"})) {
        const QJsonObject status = value.toObject();
        if (textAt(status, {"state", "waiting", "reason"}) == QLatin1String("CrashLoopBackOff") ||
            status.value(QStringLiteral("restartCount")).toInt() > 0)
            return true;
    }
    return false;
}

bool failing(const QJsonObject& pod) {
    if (textAt(pod, {"status", "phase"}) != QLatin1String("Running")) return true;
    for (const QJsonValue& value : arrayAt(pod, {"status", "containerStatuses"}))
        if (!value.toObject().value(QStringLiteral("ready")).toBool()) return true;
    return false;
}

std::optional<QString> podFor(const QString& selector, const QString& subject, const ClusterSnapshot& snapshot,
                              QString* problem) {
    auto first = [&](auto predicate) -> std::optional<QString> {
        for (const QJsonObject& pod : snapshot.pods)
            if (predicate(pod)) return nameOfObject(pod);
        return std::nullopt;
    };
    std::optional<QString> pod;
    if (selector == QLatin1String("crashing"))
        pod = first(crashing);
    else if (selector == QLatin1String("pending"))
        pod = first([](const QJsonObject& p) { return textAt(p, {"status", "phase"}) == QLatin1String("Pending"); });
    else if (selector == QLatin1String("failing"))
        pod = first(failing);
    else if (!selector.isEmpty())
        pod = first([&](const QJsonObject& p) { return nameOfObject(p) == selector; });
    else  // no pod named: a crashing one tells the most, else the first of the release
        pod = first(crashing) ? first(crashing) : first([](const QJsonObject&) { return true; });
    if (!pod)
        *problem = selector.isEmpty() || selector == subject
                       ? QStringLiteral("there is no pod %1; pods: %2").arg(selector, listText(snapshot.pods))
                       : QStringLiteral("no pod is %1; pods: %2").arg(selector, listText(snapshot.pods));
    return pod;
}

QString firstContainer(const ClusterSnapshot& snapshot, const QString& pod) {
    const QJsonObject* object = snapshot.pod(pod);
    if (!object) return {};
    const QJsonArray containers = arrayAt(*object, {"spec", "containers"});
    return containers.size() > 1 ? containers.first().toObject().value(QStringLiteral("name")).toString() : QString();
}

}  // namespace

Resolution resolveAction(const OpsRequest& request, const ClusterSnapshot& snapshot,
                         const ActionContext& context) {
    if (!request.action) return {std::nullopt, QStringLiteral("nothing to do")};
    Action action = *request.action;
    QString problem;
    switch (action.kind) {
        case ActionKind::Scale:
        case ActionKind::RolloutRestart: {
            const auto deployment = deploymentFor(request.subject, snapshot, context);
            if (!deployment)
                return {std::nullopt, QStringLiteral("which deployment? deployments: %1").arg(listText(snapshot.deployments))};
            action.name = *deployment;
            break;
        }
        case ActionKind::Logs:
        case ActionKind::DeletePod: {
            const auto pod = podFor(request.pod, request.subject, snapshot, &problem);
            if (!pod) return {std::nullopt, problem};
            action.name = *pod;
            if (action.kind == ActionKind::Logs) action.container = firstContainer(snapshot, *pod);
            break;
        }
        case ActionKind::Describe: {
            if (request.subject == QLatin1String("service")) {
                if (snapshot.services.isEmpty()) return {std::nullopt, QStringLiteral("there is no service")};
                action.resourceKind = QStringLiteral("service");
                action.name = names(snapshot.services).contains(context.release) ? context.release
                                                                                 : nameOfObject(snapshot.services.first());
            } else if (request.subject == QLatin1String("deployment") || request.subject == QLatin1String("backend")) {
                const auto deployment = deploymentFor(request.subject, snapshot, context);
                if (!deployment) return {std::nullopt, QStringLiteral("which deployment? deployments: %1").arg(listText(snapshot.deployments))};
                action.resourceKind = QStringLiteral("deployment");
                action.name = *deployment;
            } else {
                const auto pod = podFor(request.pod, request.subject, snapshot, &problem);
                if (!pod) return {std::nullopt, problem};
                action.resourceKind = QStringLiteral("pod");
                action.name = *pod;
            }
            break;
        }
        case ActionKind::PortForward: {
            if (snapshot.services.isEmpty()) return {std::nullopt, QStringLiteral("there is no service to forward to")};
            const QJsonObject* service = &snapshot.services.first();
            for (const QJsonObject& candidate : snapshot.services)
                if (nameOfObject(candidate) == context.release) service = &candidate;
            action.name = nameOfObject(*service);
            action.remotePort = arrayAt(*service, {"spec", "ports"}).first().toObject().value(QStringLiteral("port")).toInt(80);
            break;
        }
        case ActionKind::Rollback:
            if (snapshot.releaseStatus().isEmpty())
                return {std::nullopt, QStringLiteral("the release %1 is not installed").arg(context.release)};
            if (action.revision == 0) action.revision = snapshot.rollbackRevision();
            if (action.revision == 0)
                return {std::nullopt, QStringLiteral("the release has no earlier good revision to roll back to")};
            break;
        case ActionKind::SetValueUpgrade:
            if (context.chart.isEmpty())
                return {std::nullopt, QStringLiteral("the profile names no release.chart to upgrade with")};
            break;
        case ActionKind::Uninstall:
            if (snapshot.releaseStatus().isEmpty())
                return {std::nullopt, QStringLiteral("the release %1 is not installed").arg(context.release)};
            break;
        case ActionKind::TopPods:
        case ActionKind::GetValues:
        case ActionKind::AskKubectlAi:
            break;
    }
    return {action, {}};
}

}  // namespace helmdeck::ops
