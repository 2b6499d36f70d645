#include "core/ops/llm_tools.hpp"

#include <QJsonDocument>
#include <QJsonObject>

namespace helmdeck::ops {

namespace {

QJsonObject stringProperty(const char* description) {
    return {{QStringLiteral("type"), QStringLiteral("string")}, {QStringLiteral("description"), QLatin1String(description)}};
}

QJsonObject integerProperty(const char* description) {
    return {{QStringLiteral("type"), QStringLiteral("integer")}, {QStringLiteral("description"), QLatin1String(description)}};
}

QJsonObject booleanProperty(const char* description) {
    return {{QStringLiteral("type"), QStringLiteral("boolean")}, {QStringLiteral("description"), QLatin1String(description)}};
}

QJsonObject tool(ActionKind kind, const char* description, const QJsonObject& properties, const QStringList& required) {
    QJsonObject parameters{{QStringLiteral("type"), QStringLiteral("object")},
                           {QStringLiteral("properties"), properties},
                           {QStringLiteral("additionalProperties"), false}};
    if (!required.isEmpty()) parameters.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    const QString suffix = isMutating(kind) ? QStringLiteral(" Changes the cluster: the user is asked to confirm first.")
                                            : QStringLiteral(" Read-only.");
    return {{QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), nameOf(kind)},
                                                     {QStringLiteral("description"), QLatin1String(description) + suffix},
                                                     {QStringLiteral("parameters"), parameters}}}};
}

}  // namespace

QJsonArray llmTools() {
    return {
        tool(ActionKind::Logs, "The last lines of a pod's log (kubectl logs).",
             {{QStringLiteral("pod"), stringProperty("the pod's name")},
              {QStringLiteral("container"), stringProperty("the container, when the pod has several")},
              {QStringLiteral("tail"), integerProperty("how many lines, default 20")},
              {QStringLiteral("previous"), booleanProperty("the previous (crashed) container's log")}},
             {QStringLiteral("pod")}),
        tool(ActionKind::Describe, "kubectl describe of one object.",
             {{QStringLiteral("kind"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                                   {QStringLiteral("enum"), QJsonArray{QStringLiteral("pod"), QStringLiteral("deployment"),
                                                                                       QStringLiteral("service"), QStringLiteral("pvc"),
                                                                                       QStringLiteral("node"), QStringLiteral("replicaset")}}}},
              {QStringLiteral("name"), stringProperty("the object's name")}},
             {QStringLiteral("kind"), QStringLiteral("name")}),
        tool(ActionKind::TopPods, "CPU and memory use of the namespace's pods (kubectl top pods).", {}, {}),
        tool(ActionKind::GetValues, "The release's values at a revision (helm get values).",
             {{QStringLiteral("revision"), integerProperty("the revision; 0 for the current one")}}, {}),
        tool(ActionKind::Scale, "Scale a deployment (kubectl scale).",
             {{QStringLiteral("deployment"), stringProperty("the deployment's name")},
              {QStringLiteral("replicas"), integerProperty("the number of replicas, 0 to 1000")}},
             {QStringLiteral("deployment"), QStringLiteral("replicas")}),
        tool(ActionKind::RolloutRestart, "Restart a deployment's pods one by one (kubectl rollout restart).",
             {{QStringLiteral("deployment"), stringProperty("the deployment's name")}}, {QStringLiteral("deployment")}),
        tool(ActionKind::Rollback, "Roll the Helm release back to a revision (helm rollback).",
             {{QStringLiteral("revision"), integerProperty("the revision to return to")}}, {QStringLiteral("revision")}),
        tool(ActionKind::SetValueUpgrade, "Upgrade the release with one value changed (helm upgrade --reuse-values --set).",
             {{QStringLiteral("key"), stringProperty("the values path, e.g. resources.limits.memory")},
              {QStringLiteral("value"), stringProperty("the new value")}},
             {QStringLiteral("key"), QStringLiteral("value")}),
        tool(ActionKind::DeletePod, "Delete one pod; its controller makes a new one (kubectl delete pod).",
             {{QStringLiteral("pod"), stringProperty("the pod's name")}}, {QStringLiteral("pod")}),
        tool(ActionKind::Uninstall, "Uninstall the Helm release (helm uninstall).", {}, {}),
    };
}

std::optional<Action> actionFromToolCall(const QString& name, const QString& arguments, QString* error) {
    const auto kind = actionKindFromName(name);
    // Port-forward is a stream and kubectl-ai another model: both are for people, not for a
    // model's tool loop.
    if (!kind || *kind == ActionKind::PortForward || *kind == ActionKind::AskKubectlAi) {
        if (error) *error = QStringLiteral("unknown tool \"%1\"; only the listed tools exist").arg(name);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(arguments.trimmed().isEmpty() ? QByteArray("{}") : arguments.toUtf8(), &parseError);
    if (!document.isObject()) {
        if (error) *error = QStringLiteral("the arguments of %1 are not a JSON object").arg(name);
        return std::nullopt;
    }
    auto action = actionFromJson(*kind, document.object(), error);
    if (action) action->follow = false;  // a stream would never return to the model
    return action;
}

}  // namespace helmdeck::ops
