#pragma once
// Every kubectl command line Helmdeck runs, always with the scope's --context and --namespace.

#include "core/parsers/kubectl_event_parser.hpp"
#include "core/parsers/kubectl_network_parser.hpp"
#include "core/parsers/kubectl_parser.hpp"
#include "core/parsers/pod_usage_parser.hpp"
#include "core/tools/kube_scope.hpp"
#include "core/tools/tool_command.hpp"

namespace helmdeck::core {

class Kubectl {
public:
    explicit Kubectl(KubeScope scope) : scope_(std::move(scope)) {}
    const KubeScope& scope() const { return scope_; }

    /// The label selector of a release's backend pods, deployment and service.
    static QString releaseSelector(const QString& release);
    /// Every object of the release (backend and web).
    static QString instanceSelector(const QString& release);

    ToolCall<QList<PodInfo>> pods(const QString& selector) const;
    ToolCall<QList<DeploymentStatus>> deployments(const QString& selector) const;
    ToolCall<QList<ReplicaSetStatus>> replicaSets(const QString& selector) const;
    ToolCall<QList<ServiceInfo>> services(const QString& selector) const;
    ToolCall<QList<NodeInfo>> nodes() const;
    /// The namespace's events (Warning and Normal), for the Cluster page's event list.
    ToolCall<QList<EventInfo>> events() const;
    /// `kubectl get KIND [-l SELECTOR] -o json`, unparsed (for parsers the caller owns).
    ToolCall<QByteArray> getJson(const QString& kind, const QString& selector = {}) const;
    /// `kubectl get --raw PATH` (the API server's own paths, e.g. a node's stats/summary).
    ToolCall<QByteArray> getRaw(const QString& path) const;
    /// What the scope's pods on `node` use, from the kubelet's Summary API through the API
    /// server's node proxy (no metrics-server needed).
    ToolCall<QList<PodUsageSample>> nodePodUsage(const QString& node) const;
    /// The same from metrics.k8s.io, for clusters that refuse the node proxy.
    ToolCall<QList<PodUsageSample>> podMetrics() const;
    /// The last `tail` lines of each selected pod, prefixed with the pod's name.
    ToolCommand logs(const QString& selector, int tail) const;
    /// `kubectl logs -f --tail=N POD`: a stream with no timeout.
    ToolCommand followLogs(const QString& pod, int tail) const;
    /// `kubectl port-forward --address 127.0.0.1 RESOURCE LOCAL:REMOTE` (LOCAL 0: any).
    ToolCommand portForward(const QString& resource, int localPort, int remotePort) const;

    static constexpr int kQueryTimeoutMs = 30000;

private:
    QStringList scopeArguments() const;
    ToolCommand command(QStringList arguments, int timeoutMs = kQueryTimeoutMs) const;
    ToolCommand get(const QString& kind, const QString& selector) const;

    KubeScope scope_;
};

}  // namespace helmdeck::core
