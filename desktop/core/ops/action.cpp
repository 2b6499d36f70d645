#include "core/ops/action.hpp"

#include <QJsonValue>
#include <QRegularExpression>

namespace helmdeck::ops {

namespace {

struct KindName {
    ActionKind kind;
    const char* name;
};

constexpr KindName kKindNames[] = {
    {ActionKind::Logs, "logs"},
    {ActionKind::Describe, "describe"},
    {ActionKind::TopPods, "top_pods"},
    {ActionKind::GetValues, "get_values"},
    {ActionKind::PortForward, "port_forward"},
    {ActionKind::AskKubectlAi, "ask_kubectl_ai"},
    {ActionKind::Scale, "scale"},
    {ActionKind::RolloutRestart, "rollout_restart"},
    {ActionKind::Rollback, "rollback"},
    {ActionKind::SetValueUpgrade, "set_value_upgrade"},
    {ActionKind::DeletePod, "delete_pod"},
    {ActionKind::Uninstall, "uninstall"},
};

// kubectl's global flags go first, so the command reads "kubectl --context C --namespace N verb …".
QStringList kubectl(const ActionContext& context) {
    QStringList arguments{QStringLiteral("kubectl")};
    if (!context.kubeContext.isEmpty()) arguments << QStringLiteral("--context") << context.kubeContext;
    arguments << QStringLiteral("--namespace") << context.namespace_;
    return arguments;
}

QStringList helmScope(const ActionContext& context) {
    QStringList arguments;
    if (!context.kubeContext.isEmpty())
        arguments << QStringLiteral("--kube-context") << context.kubeContext;
    arguments << QStringLiteral("--namespace") << context.namespace_;
    return arguments;
}

QString shellQuote(const QString& word) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=,@%+-]+$"));
    if (!word.isEmpty() && plain.match(word).hasMatch()) return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString describeKind(const QString& kind) {
    return kind.isEmpty() ? QStringLiteral("pod") : kind.toLower();
}

}  // namespace

QString nameOf(ActionKind kind) {
    for (const KindName& entry : kKindNames)
        if (entry.kind == kind) return QString::fromLatin1(entry.name);
    return {};
}

std::optional<ActionKind> actionKindFromName(const QString& name) {
    for (const KindName& entry : kKindNames)
        if (name == QLatin1String(entry.name)) return entry.kind;
    return std::nullopt;
}

QList<ActionKind> allActionKinds() {
    QList<ActionKind> kinds;
    for (const KindName& entry : kKindNames) kinds << entry.kind;
    return kinds;
}

bool isMutating(ActionKind kind) {
    switch (kind) {
        case ActionKind::Logs:
        case ActionKind::Describe:
        case ActionKind::TopPods:
        case ActionKind::GetValues:
        case ActionKind::PortForward:
        case ActionKind::AskKubectlAi:
            return false;
        case ActionKind::Scale:
        case ActionKind::RolloutRestart:
        case ActionKind::Rollback:
        case ActionKind::SetValueUpgrade:
        case ActionKind::DeletePod:
        case ActionKind::Uninstall:
            return true;
    }
    return true;  // an unknown kind is treated as the dangerous one
}

QStringList commandLine(const Action& action, const ActionContext& context) {
    QStringList line;
    switch (action.kind) {
        case ActionKind::Logs:
            line = kubectl(context);
            line << QStringLiteral("logs") << QStringLiteral("pod/") + action.name;
            if (!action.container.isEmpty()) line << QStringLiteral("--container") << action.container;
            line << QStringLiteral("--tail=%1").arg(action.tailLines);
            if (action.previous) line << QStringLiteral("--previous");
            if (action.follow) line << QStringLiteral("--follow");
            break;
        case ActionKind::Describe:
            line = kubectl(context);
            line << QStringLiteral("describe") << describeKind(action.resourceKind) << action.name;
            break;
        case ActionKind::TopPods:
            line = kubectl(context);
            // Without metrics-server, `kubectl top` has nothing; every kubelet has its Summary.
            if (!action.name.isEmpty())
                line << QStringLiteral("get") << QStringLiteral("--raw")
                     << QStringLiteral("/api/v1/nodes/%1/proxy/stats/summary").arg(action.name);
            else
                line << QStringLiteral("top") << QStringLiteral("pods") << QStringLiteral("--no-headers");
            break;
        case ActionKind::GetValues:
            line << QStringLiteral("helm") << QStringLiteral("get") << QStringLiteral("values")
                 << context.release;
            if (action.revision > 0) line << QStringLiteral("--revision") << QString::number(action.revision);
            line << QStringLiteral("--all") << QStringLiteral("--output") << QStringLiteral("json")
                 << helmScope(context);
            break;
        case ActionKind::PortForward:
            line = kubectl(context);
            line << QStringLiteral("port-forward") << QStringLiteral("service/") + action.name
                 << QStringLiteral("%1:%2").arg(action.localPort).arg(action.remotePort);
            break;
        case ActionKind::AskKubectlAi:
            // Without --skip-permissions kubectl-ai asks before any change, and its stdin is
            // /dev/null, so it cannot say yes: it answers read-only.
            line << QStringLiteral("kubectl-ai") << QStringLiteral("--quiet") << action.value;
            break;
        case ActionKind::Scale:
            line = kubectl(context);
            line << QStringLiteral("scale") << QStringLiteral("deployment/") + action.name
                 << QStringLiteral("--replicas=%1").arg(action.replicas);
            break;
        case ActionKind::RolloutRestart:
            line = kubectl(context);
            line << QStringLiteral("rollout") << QStringLiteral("restart")
                 << QStringLiteral("deployment/") + action.name;
            break;
        case ActionKind::Rollback:
            line << QStringLiteral("helm") << QStringLiteral("rollback") << context.release;
            if (action.revision > 0) line << QString::number(action.revision);
            line << QStringLiteral("--wait") << helmScope(context);
            break;
        case ActionKind::SetValueUpgrade:
            line << QStringLiteral("helm") << QStringLiteral("upgrade") << context.release
                 << context.chart << QStringLiteral("--reuse-values") << QStringLiteral("--set")
                 << action.valueKey + QLatin1Char('=') + action.value << QStringLiteral("--wait")
                 << helmScope(context);
            break;
        case ActionKind::DeletePod:
            line = kubectl(context);
            line << QStringLiteral("delete") << QStringLiteral("pod") << action.name;
            break;
        case ActionKind::Uninstall:
            line << QStringLiteral("helm") << QStringLiteral("uninstall") << context.release
                 << helmScope(context);
            break;
    }
    return line;
}

QString commandText(const Action& action, const ActionContext& context) {
    QStringList words;
    for (const QString& word : commandLine(action, context)) words << shellQuote(word);
    return words.join(QLatin1Char(' '));
}

QString describe(const Action& action) {
    switch (action.kind) {
        case ActionKind::Logs:
            return QStringLiteral("%1 the last %2 log lines of %3pod %4")
                .arg(action.follow ? QStringLiteral("follow") : QStringLiteral("show"))
                .arg(action.tailLines)
                .arg(action.previous ? QStringLiteral("the previous container of ") : QString(),
                     action.name);
        case ActionKind::Describe:
            return QStringLiteral("describe %1 %2").arg(describeKind(action.resourceKind), action.name);
        case ActionKind::TopPods:
            return action.name.isEmpty()
                       ? QStringLiteral("show the pods' CPU and memory use")
                       : QStringLiteral("read the pods' CPU and memory from node %1's kubelet").arg(action.name);
        case ActionKind::GetValues:
            return action.revision > 0
                       ? QStringLiteral("show the values of revision %1").arg(action.revision)
                       : QStringLiteral("show the release's current values");
        case ActionKind::PortForward:
            return QStringLiteral("forward 127.0.0.1:%1 to service/%2 port %3")
                .arg(action.localPort)
                .arg(action.name)
                .arg(action.remotePort);
        case ActionKind::AskKubectlAi:
            return QStringLiteral("ask kubectl-ai, read-only: %1").arg(action.value);
        case ActionKind::Scale:
            return QStringLiteral("scale deployment/%1 to %2 replica%3")
                .arg(action.name)
                .arg(action.replicas)
                .arg(action.replicas == 1 ? QString() : QStringLiteral("s"));
        case ActionKind::RolloutRestart:
            return QStringLiteral("restart the pods of deployment/%1").arg(action.name);
        case ActionKind::Rollback:
            return action.revision > 0
                       ? QStringLiteral("roll the release back to revision %1").arg(action.revision)
                       : QStringLiteral("roll the release back to its previous revision");
        case ActionKind::SetValueUpgrade:
            return QStringLiteral("upgrade the release with %1=%2").arg(action.valueKey, action.value);
        case ActionKind::DeletePod:
            return QStringLiteral("delete pod %1 (its controller makes a new one)").arg(action.name);
        case ActionKind::Uninstall:
            return QStringLiteral("uninstall the release");
    }
    return {};
}

QJsonObject toJson(const Action& action) {
    QJsonObject object{{QStringLiteral("action"), nameOf(action.kind)}};
    switch (action.kind) {
        case ActionKind::Logs:
            object.insert(QStringLiteral("pod"), action.name);
            if (!action.container.isEmpty()) object.insert(QStringLiteral("container"), action.container);
            object.insert(QStringLiteral("tail"), action.tailLines);
            object.insert(QStringLiteral("previous"), action.previous);
            object.insert(QStringLiteral("follow"), action.follow);
            break;
        case ActionKind::Describe:
            object.insert(QStringLiteral("kind"), describeKind(action.resourceKind));
            object.insert(QStringLiteral("name"), action.name);
            break;
        case ActionKind::TopPods:
        case ActionKind::Uninstall:
            break;
        case ActionKind::GetValues:
        case ActionKind::Rollback:
            object.insert(QStringLiteral("revision"), action.revision);
            break;
        case ActionKind::PortForward:
            object.insert(QStringLiteral("service"), action.name);
            object.insert(QStringLiteral("localPort"), action.localPort);
            object.insert(QStringLiteral("remotePort"), action.remotePort);
            break;
        case ActionKind::Scale:
            object.insert(QStringLiteral("deployment"), action.name);
            object.insert(QStringLiteral("replicas"), action.replicas);
            break;
        case ActionKind::RolloutRestart:
            object.insert(QStringLiteral("deployment"), action.name);
            break;
        case ActionKind::AskKubectlAi:
            object.insert(QStringLiteral("question"), action.value);
            break;
        case ActionKind::SetValueUpgrade:
            object.insert(QStringLiteral("key"), action.valueKey);
            object.insert(QStringLiteral("value"), action.value);
            break;
        case ActionKind::DeletePod:
            object.insert(QStringLiteral("pod"), action.name);
            break;
    }
    return object;
}

namespace {

// A Kubernetes object name (RFC 1123 subdomain): keeps a model's argument from smuggling flags.
bool isObjectName(const QString& name) {
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$"));
    return pattern.match(name).hasMatch();
}

bool readName(const QJsonObject& arguments, const char* key, QString* out, QString* error) {
    const QString value = arguments.value(QLatin1String(key)).toString();
    if (!isObjectName(value)) {
        if (error)
            *error = QStringLiteral("\"%1\" must be a Kubernetes object name, got \"%2\"")
                         .arg(QLatin1String(key), value);
        return false;
    }
    *out = value;
    return true;
}

bool readInt(const QJsonObject& arguments, const char* key, int minimum, int maximum, int* out,
             QString* error, bool required) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        if (!required) return true;
        if (error) *error = QStringLiteral("\"%1\" is required").arg(QLatin1String(key));
        return false;
    }
    const double number = value.isString() ? value.toString().toDouble() : value.toDouble(-1e18);
    if (number != int(number) || number < minimum || number > maximum) {
        if (error)
            *error = QStringLiteral("\"%1\" must be a whole number from %2 to %3")
                         .arg(QLatin1String(key))
                         .arg(minimum)
                         .arg(maximum);
        return false;
    }
    *out = int(number);
    return true;
}

}  // namespace

std::optional<Action> actionFromJson(ActionKind kind, const QJsonObject& arguments, QString* error) {
    Action action;
    action.kind = kind;
    bool ok = true;
    switch (kind) {
        case ActionKind::Logs:
            ok = readName(arguments, "pod", &action.name, error) &&
                 readInt(arguments, "tail", 1, 10000, &action.tailLines, error, false);
            if (ok && arguments.contains(QStringLiteral("container")))
                ok = readName(arguments, "container", &action.container, error);
            action.previous = arguments.value(QStringLiteral("previous")).toBool();
            action.follow = arguments.value(QStringLiteral("follow")).toBool();
            break;
        case ActionKind::Describe: {
            static const QStringList kinds{QStringLiteral("pod"), QStringLiteral("deployment"),
                                           QStringLiteral("service"), QStringLiteral("pvc"),
                                           QStringLiteral("node"), QStringLiteral("replicaset")};
            action.resourceKind = arguments.value(QStringLiteral("kind")).toString(QStringLiteral("pod"));
            if (!kinds.contains(action.resourceKind)) {
                if (error)
                    *error = QStringLiteral("\"kind\" must be one of %1").arg(kinds.join(QStringLiteral(", ")));
                return std::nullopt;
            }
            ok = readName(arguments, "name", &action.name, error);
            break;
        }
        case ActionKind::TopPods:
        case ActionKind::Uninstall:
            break;
        case ActionKind::GetValues:
        case ActionKind::Rollback:
            ok = readInt(arguments, "revision", 0, 1000000, &action.revision, error, false);
            break;
        case ActionKind::PortForward:
            ok = readName(arguments, "service", &action.name, error) &&
                 readInt(arguments, "localPort", 1, 65535, &action.localPort, error, true) &&
                 readInt(arguments, "remotePort", 1, 65535, &action.remotePort, error, true);
            break;
        case ActionKind::Scale:
            ok = readName(arguments, "deployment", &action.name, error) &&
                 readInt(arguments, "replicas", 0, 1000, &action.replicas, error, true);
            break;
        case ActionKind::RolloutRestart:
            ok = readName(arguments, "deployment", &action.name, error);
            break;
        case ActionKind::AskKubectlAi:
            action.value = arguments.value(QStringLiteral("question")).toString().simplified();
            if (action.value.isEmpty()) {
                if (error) *error = QStringLiteral("\"question\" is required");
                return std::nullopt;
            }
            break;
        case ActionKind::SetValueUpgrade: {
            static const QRegularExpression key(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.\\-\\[\\]]*$"));
            action.valueKey = arguments.value(QStringLiteral("key")).toString();
            action.value = arguments.value(QStringLiteral("value")).toVariant().toString();
            if (!key.match(action.valueKey).hasMatch()) {
                if (error) *error = QStringLiteral("\"key\" must be a values path such as resources.limits.memory");
                return std::nullopt;
            }
            break;
        }
        case ActionKind::DeletePod:
            ok = readName(arguments, "pod", &action.name, error);
            break;
    }
    if (!ok) return std::nullopt;
    return action;
}

}  // namespace helmdeck::ops
