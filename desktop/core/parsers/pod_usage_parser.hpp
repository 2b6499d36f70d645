#pragma once
// What each pod uses now, from the kubelet's Summary API (`/api/v1/nodes/NODE/proxy/stats/summary`,
// no metrics-server needed) or, where that is refused, from metrics.k8s.io's PodMetricsList.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace helmdeck::core {

struct PodUsageSample {
    QString pod;
    QString namespace_;
    QDateTime time;           ///< when the kubelet took it
    double cpuMillicores = 0;
    double memoryBytes = 0;   ///< the working set: what the OOM killer and `kubectl top` count
};

/// The pods of one node's stats/summary; `namespace_` (empty: every namespace) filters them.
/// The sum of its containers' figures, else the pod-level ones.
std::optional<QList<PodUsageSample>> parseKubeletSummary(const QByteArray& json,
                                                         const QString& namespace_,
                                                         QString* error = nullptr);
/// `GET /apis/metrics.k8s.io/v1beta1/namespaces/NS/pods`: a PodMetricsList.
std::optional<QList<PodUsageSample>> parsePodMetrics(const QByteArray& json,
                                                     QString* error = nullptr);

}  // namespace helmdeck::core
