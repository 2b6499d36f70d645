#include "core/tools/kubectl.hpp"

namespace helmdeck::core {

namespace {
const QString kKubectl = QStringLiteral("kubectl");
}

QString Kubectl::releaseSelector(const QString& release) {
    return QStringLiteral("app.kubernetes.io/instance=%1,app.kubernetes.io/component=api")
        .arg(release);
}

QString Kubectl::instanceSelector(const QString& release) {
    return QStringLiteral("app.kubernetes.io/instance=%1").arg(release);
}

QStringList Kubectl::scopeArguments() const {
    QStringList arguments;
    if (!scope_.context.isEmpty()) arguments << QStringLiteral("--context") << scope_.context;
    if (!scope_.namespace_.isEmpty())
        arguments << QStringLiteral("--namespace") << scope_.namespace_;
    return arguments;
}

ToolCommand Kubectl::command(QStringList arguments, int timeoutMs) const {
    arguments << scopeArguments();
    return {kKubectl, arguments, timeoutMs, {}, {}};
}

ToolCommand Kubectl::get(const QString& kind, const QString& selector) const {
    QStringList arguments{QStringLiteral("get"), kind};
    if (!selector.isEmpty()) arguments << QStringLiteral("-l") << selector;
    arguments << QStringLiteral("-o") << QStringLiteral("json");
    return command(arguments);
}

ToolCall<QList<PodInfo>> Kubectl::pods(const QString& selector) const {
    return {get(QStringLiteral("pods"), selector),
            [](const QByteArray& data, QString* error) { return parseKubectlPods(data, error); },
            QStringLiteral("kubectl get pods")};
}

ToolCall<QList<DeploymentStatus>> Kubectl::deployments(const QString& selector) const {
    return {get(QStringLiteral("deployment"), selector),
            [](const QByteArray& data, QString* error) {
                return parseKubectlDeployments(data, error);
            },
            QStringLiteral("kubectl get deployment")};
}

ToolCall<QList<ReplicaSetStatus>> Kubectl::replicaSets(const QString& selector) const {
    return {get(QStringLiteral("replicasets"), selector),
            [](const QByteArray& data, QString* error) {
                return parseKubectlReplicaSets(data, error);
            },
            QStringLiteral("kubectl get replicasets")};
}

ToolCall<QList<ServiceInfo>> Kubectl::services(const QString& selector) const {
    return {get(QStringLiteral("service"), selector),
            [](const QByteArray& data, QString* error) { return parseKubectlServices(data, error); },
            QStringLiteral("kubectl get service")};
}

ToolCall<QList<NodeInfo>> Kubectl::nodes() const {
    return {get(QStringLiteral("nodes"), {}),
            [](const QByteArray& data, QString* error) { return parseKubectlNodes(data, error); },
            QStringLiteral("kubectl get nodes")};
}

ToolCall<QList<EventInfo>> Kubectl::events() const {
    return {get(QStringLiteral("events"), {}),
            [](const QByteArray& data, QString* error) { return parseKubectlEvents(data, error); },
            QStringLiteral("kubectl get events")};
}

ToolCall<QByteArray> Kubectl::getJson(const QString& kind, const QString& selector) const {
    return {get(kind, selector),
            [](const QByteArray& data, QString*) { return std::optional<QByteArray>(data); },
            QStringLiteral("kubectl get %1").arg(kind)};
}

ToolCall<QByteArray> Kubectl::getRaw(const QString& path) const {
    return {command({QStringLiteral("get"), QStringLiteral("--raw"), path}),
            [](const QByteArray& data, QString*) { return std::optional<QByteArray>(data); },
            QStringLiteral("kubectl get --raw")};
}

ToolCall<QList<PodUsageSample>> Kubectl::nodePodUsage(const QString& node) const {
    const QString namespace_ = scope_.namespace_;
    return {getRaw(QStringLiteral("/api/v1/nodes/%1/proxy/stats/summary").arg(node)).command,
            [namespace_](const QByteArray& data, QString* error) {
                return parseKubeletSummary(data, namespace_, error);
            },
            QStringLiteral("the kubelet's stats/summary")};
}

ToolCall<QList<PodUsageSample>> Kubectl::podMetrics() const {
    const QString path = scope_.namespace_.isEmpty()
                             ? QStringLiteral("/apis/metrics.k8s.io/v1beta1/pods")
                             : QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/%1/pods")
                                   .arg(scope_.namespace_);
    return {getRaw(path).command,
            [](const QByteArray& data, QString* error) { return parsePodMetrics(data, error); },
            QStringLiteral("metrics.k8s.io")};
}

ToolCommand Kubectl::logs(const QString& selector, int tail) const {
    return command({QStringLiteral("logs"), QStringLiteral("-l"), selector, QStringLiteral("--tail"),
                    QString::number(tail), QStringLiteral("--prefix"),
                    QStringLiteral("--max-log-requests"), QStringLiteral("20")},
                   60000);
}

ToolCommand Kubectl::followLogs(const QString& pod, int tail) const {
    return command({QStringLiteral("logs"), QStringLiteral("-f"),
                    QStringLiteral("--tail=%1").arg(tail), pod},
                   0);
}

ToolCommand Kubectl::portForward(const QString& resource, int localPort, int remotePort) const {
    return command({QStringLiteral("port-forward"), QStringLiteral("--address"),
                    QStringLiteral("127.0.0.1"), resource,
                    localPort > 0 ? QStringLiteral("%1:%2").arg(localPort).arg(remotePort)
                                  : QStringLiteral(":%1").arg(remotePort)},
                   0);
}

}  // namespace helmdeck::core
