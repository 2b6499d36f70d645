#pragma once
// Live CPU and memory per pod without Prometheus or metrics-server: samples the kubelet's
// Summary API of each node the pods run on, falls back to metrics.k8s.io where the node proxy
// is refused, and keeps a short series and the peak of each pod.

#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include "core/parsers/kubectl_parser.hpp"
#include "core/parsers/pod_usage_parser.hpp"
#include "core/run_report.hpp"
#include "core/tools/kube_scope.hpp"

namespace helmdeck::core {

class ToolSession;

struct PodResourceSeries {
    QList<PodUsageSample> samples;  ///< oldest first, at most PodResourceMonitor::kMaxSamples
    double peakMemoryBytes = 0;
    double peakCpuMillicores = 0;
};

class PodResourceMonitor : public QObject {
    Q_OBJECT

public:
    enum class Source { None, KubeletSummary, MetricsApi };
    static constexpr int kMaxSamples = 60;

    explicit PodResourceMonitor(QObject* parent = nullptr);

    /// Which cluster and namespace, and the nodes whose kubelets to ask. A new scope forgets
    /// what was measured in the old one.
    void watch(const KubeScope& scope, const QStringList& nodes);
    /// Samples now, then every `intervalMs` until stop().
    void start(int intervalMs);
    void stop();
    /// One round now (ignored while one runs).
    void sampleNow();

    bool isSampling() const { return running_; }
    const QMap<QString, PodResourceSeries>& series() const { return series_; }
    /// The newest sample of `pod`, if any.
    std::optional<PodUsageSample> latest(const QString& pod) const;
    Source source() const { return source_; }
    /// "kubelet Summary API" or "metrics.k8s.io", for the page's caption.
    static QString nameOf(Source source);
    /// The peaks of `pods` (those measured), against their limits, for the run report.
    QList<PodResourceRecord> records(const QList<PodInfo>& pods) const;

Q_SIGNALS:
    /// A round ended with figures (series() holds them).
    void sampled();
    /// Neither source answered: both reasons, and what to do about it.
    void unavailable(const QString& reason);

private:
    void askNode(int index);
    void askMetricsApi();
    void endRound(Source source);
    void record(const QList<PodUsageSample>& samples);

    ToolSession* session_ = nullptr;
    QTimer timer_;
    KubeScope scope_;
    QStringList nodes_;
    Source source_ = Source::None;
    bool summaryRefused_ = false;  ///< once refused, later rounds go to metrics.k8s.io directly
    bool running_ = false;
    QList<PodUsageSample> round_;
    QString summaryError_;
    QString problem_;  ///< the last unavailable() reason, until a round succeeds
    QMap<QString, PodResourceSeries> series_;
};

}  // namespace helmdeck::core
