#include "core/pod_resource_monitor.hpp"

#include <algorithm>

#include "core/tools/kubectl.hpp"
#include "core/tools/tool_session.hpp"

namespace helmdeck::core {

PodResourceMonitor::PodResourceMonitor(QObject* parent)
    : QObject(parent), session_(new ToolSession(this)) {
    connect(&timer_, &QTimer::timeout, this, &PodResourceMonitor::sampleNow);
}

QString PodResourceMonitor::nameOf(Source source) {
    switch (source) {
        case Source::KubeletSummary: return tr("kubelet Summary API");
        case Source::MetricsApi: return QStringLiteral("metrics.k8s.io");
        case Source::None: break;
    }
    return tr("none");
}

void PodResourceMonitor::watch(const KubeScope& scope, const QStringList& nodes) {
    QStringList unique = nodes;
    unique.removeAll(QString());
    unique.removeDuplicates();
    if (!(scope == scope_)) {
        series_.clear();
        summaryRefused_ = false;
        source_ = Source::None;
    }
    scope_ = scope;
    nodes_ = unique;
}

void PodResourceMonitor::start(int intervalMs) {
    timer_.start(intervalMs);
    sampleNow();
}

void PodResourceMonitor::stop() {
    timer_.stop();
    running_ = false;
    session_->cancel();
}

QList<PodResourceRecord> PodResourceMonitor::records(const QList<PodInfo>& pods) const {
    QList<PodResourceRecord> out;
    const QString source = source_ == Source::MetricsApi ? QStringLiteral("metrics.k8s.io")
                                                         : QStringLiteral("kubelet-summary");
    for (const PodInfo& pod : pods) {
        const auto it = series_.constFind(pod.name);
        if (it == series_.constEnd() || it->samples.isEmpty()) continue;
        out << PodResourceRecord{pod.name,
                                 it->peakMemoryBytes,
                                 pod.resources.memoryLimitBytes,
                                 it->peakCpuMillicores,
                                 pod.resources.cpuLimitMillicores,
                                 int(it->samples.size()),
                                 source};
    }
    return out;
}

std::optional<PodUsageSample> PodResourceMonitor::latest(const QString& pod) const {
    const auto it = series_.constFind(pod);
    if (it == series_.constEnd() || it->samples.isEmpty()) return std::nullopt;
    return it->samples.last();
}

void PodResourceMonitor::sampleNow() {
    // A cancelled call may still be ending: the next tick samples instead.
    if (running_ || session_->isRunning()) return;
    running_ = true;
    round_.clear();
    summaryError_.clear();
    // No node known yet (pods still Pending): only metrics.k8s.io can say anything.
    if (summaryRefused_ || nodes_.isEmpty())
        askMetricsApi();
    else
        askNode(0);
}

void PodResourceMonitor::askNode(int index) {
    if (index >= nodes_.size()) {
        endRound(Source::KubeletSummary);
        return;
    }
    session_->call(Kubectl(scope_).nodePodUsage(nodes_.at(index)),
                   [this, index](const ToolReply<QList<PodUsageSample>>& reply) {
                       if (!running_) return;
                       if (!reply.ok()) {
                           summaryError_ = reply.error;
                           summaryRefused_ = true;
                           askMetricsApi();
                           return;
                       }
                       round_ << *reply.value;
                       askNode(index + 1);
                   });
}

void PodResourceMonitor::askMetricsApi() {
    session_->call(Kubectl(scope_).podMetrics(),
                   [this](const ToolReply<QList<PodUsageSample>>& reply) {
                       if (!running_) return;
                       if (reply.ok()) {
                           round_ = *reply.value;
                           endRound(Source::MetricsApi);
                           return;
                       }
                       running_ = false;
                       // The node proxy may work again later (RBAC fixed, node back).
                       summaryRefused_ = false;
                       const QString summary = summaryError_.isEmpty()
                                                   ? tr("no node to ask yet")
                                                   : summaryError_;
                       const QString problem =
                           tr("no pod resources: the kubelet Summary API said \"%1\" and "
                              "metrics.k8s.io said \"%2\" (fix: allow nodes/proxy for your "
                              "user, or install metrics-server)")
                               .arg(summary, reply.error);
                       // Said once per outage, not once per round.
                       if (problem == problem_) return;
                       problem_ = problem;
                       Q_EMIT unavailable(problem);
                   });
}

void PodResourceMonitor::endRound(Source source) {
    running_ = false;
    problem_.clear();
    source_ = source;
    record(round_);
    Q_EMIT sampled();
}

void PodResourceMonitor::record(const QList<PodUsageSample>& samples) {
    for (const PodUsageSample& sample : samples) {
        PodResourceSeries& series = series_[sample.pod];
        series.peakMemoryBytes = std::max(series.peakMemoryBytes, sample.memoryBytes);
        series.peakCpuMillicores = std::max(series.peakCpuMillicores, sample.cpuMillicores);
        // The kubelet refreshes its figures every few seconds: a repeat is not a new point.
        if (!series.samples.isEmpty() && sample.time.isValid() &&
            series.samples.last().time == sample.time)
            continue;
        series.samples << sample;
        if (series.samples.size() > kMaxSamples) series.samples.removeFirst();
    }
}

}  // namespace helmdeck::core
