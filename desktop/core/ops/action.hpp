#pragma once
// The closed set of operations the Ops assistant may run, each a typed value that renders as
// the exact kubectl or helm command line (always with the profile's context and namespace).

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace helmdeck::ops {

enum class ActionKind {
    // Read-only: they run at once.
    Logs,         ///< kubectl logs POD [-c C] --tail=N [--previous] [--follow]
    Describe,     ///< kubectl describe KIND NAME
    TopPods,      ///< kubectl top pods --no-headers; with a node name, that node's kubelet
                  ///< Summary API (get --raw /api/v1/nodes/NODE/proxy/stats/summary)
    GetValues,    ///< helm get values RELEASE --revision N -o json
    PortForward,  ///< kubectl port-forward service/NAME LOCAL:REMOTE
    AskKubectlAi,  ///< kubectl-ai --quiet QUESTION (no --skip-permissions: it cannot change anything)
    // Mutating: they run only after an explicit yes, and never in read-only mode.
    Scale,            ///< kubectl scale deployment/NAME --replicas=N
    RolloutRestart,   ///< kubectl rollout restart deployment/NAME
    Rollback,         ///< helm rollback RELEASE [REVISION] --wait
    SetValueUpgrade,  ///< helm upgrade RELEASE CHART --reuse-values --set KEY=VALUE --wait
    DeletePod,        ///< kubectl delete pod NAME
    Uninstall,        ///< helm uninstall RELEASE
};

/// Where actions act: from the profile (cluster.context, release.namespace, release.name/chart).
struct ActionContext {
    QString kubeContext;  ///< empty: kubectl's current context (no flag is added)
    QString namespace_ = QStringLiteral("helmdeck");
    QString release = QStringLiteral("todo-chatbot");
    QString chart;  ///< for SetValueUpgrade; a folder or a reference
};

struct Action {
    ActionKind kind = ActionKind::Describe;
    QString resourceKind;  ///< Describe: pod, deployment, service, pvc, node
    QString name;          ///< the pod, deployment or service (the release for helm actions)
    QString container;     ///< Logs: the container, when the pod has several
    int tailLines = 20;    ///< Logs
    bool previous = false; ///< Logs: the previous (crashed) container's log
    bool follow = false;   ///< Logs
    int replicas = -1;     ///< Scale
    int revision = 0;      ///< Rollback (0: helm's previous), GetValues (0: the current)
    QString valueKey;      ///< SetValueUpgrade
    QString value;         ///< SetValueUpgrade; AskKubectlAi: the question
    int localPort = 0;     ///< PortForward
    int remotePort = 0;    ///< PortForward

    bool operator==(const Action&) const = default;
};

/// "logs", "describe", "top_pods", "get_values", "port_forward", "scale", "rollout_restart",
/// "rollback", "set_value_upgrade", "delete_pod", "uninstall" (also the LLM tool names).
QString nameOf(ActionKind kind);
std::optional<ActionKind> actionKindFromName(const QString& name);
/// Every kind, read-only ones first.
QList<ActionKind> allActionKinds();

bool isMutating(ActionKind kind);
inline bool isMutating(const Action& action) { return isMutating(action.kind); }

/// The program and its arguments, exactly as they run (program first: "kubectl" or "helm").
QStringList commandLine(const Action& action, const ActionContext& context);
/// The command line as one shell-quoted string, for showing and for the audit log.
QString commandText(const Action& action, const ActionContext& context);
/// One line in words: "scale deployment/todo-chatbot to 3 replicas".
QString describe(const Action& action);

/// {"action": name, and the fields that kind uses}.
QJsonObject toJson(const Action& action);
/// Reads toJson's shape (also an LLM tool call's arguments with "action" given apart).
/// nullopt with `error` set when a field is missing or malformed.
std::optional<Action> actionFromJson(ActionKind kind, const QJsonObject& arguments,
                                     QString* error = nullptr);

}  // namespace helmdeck::ops
