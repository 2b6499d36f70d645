#pragma once
// A run report (steps, images, probe, verdict) rendered as JSON (schema in REPORT.md) or Markdown.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

#include "core/latency_probe.hpp"
#include "core/verdict.hpp"

namespace helmdeck::core {

inline constexpr auto kReportSchema = "helmdeck.report/v1";

struct StepRecord {
    QString name;    ///< "build", "deploy", "probe", …
    QString status;  ///< "ok", "failed", "cancelled" or "skipped"
    qint64 durationMs = 0;
    QString reason;  ///< why it failed or was skipped; empty when ok
};

struct ImageRecord {
    QString name;       ///< image reference, e.g. "todo-chatbot:3f2a1c9"
    qint64 bytes = -1;  ///< -1 when unknown
};

/// What one pod used while the probe ran, against its limits (0: none set).
struct PodResourceRecord {
    QString pod;
    double peakMemoryBytes = 0;
    double memoryLimitBytes = 0;
    double peakCpuMillicores = 0;
    double cpuLimitMillicores = 0;
    int samples = 0;
    QString source;  ///< "kubelet-summary" or "metrics.k8s.io"
};

struct RunReport {
    QDateTime startedAt;
    QDateTime finishedAt;
    QString gitRevision;
    QString target;  ///< "local", "docker" or "cluster"
    QList<StepRecord> steps;
    QList<ImageRecord> images;
    std::optional<ProbeSummary> probe;
    std::optional<Verdict> verdict;
    QList<PodResourceRecord> pods;  ///< cluster target: sampled during the probe
};

QJsonObject toJson(const LatencyStats& stats);
QJsonObject toJson(const ProbeSummary& summary);
QJsonObject toJson(const Verdict& verdict);
QJsonObject toJson(const RunReport& report);
/// The report as indented JSON text, ending in a newline.
QByteArray toJsonText(const RunReport& report);
/// The report as a human-readable Markdown document with tables.
QString toMarkdown(const RunReport& report);

/// "1.5 MB", "312 MB", "2.1 GB"; "unknown" for a negative size.
QString formatBytes(qint64 bytes);

}  // namespace helmdeck::core
