#pragma once
// Pure readers for the read-only queries: `kubectl top pods --no-headers` and the values diff
// between two revisions (`helm get values --all -o json`).

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace helmdeck::ops {

struct PodUsage {
    QString pod;
    QString cpu;     ///< as kubectl prints it: "3m"
    QString memory;  ///< "12Mi"
    double memoryBytes = 0;
};

/// Rows of `kubectl top pods --no-headers`, the most memory first.
QList<PodUsage> parseTopPods(const QString& output);

/// What changed between two values documents, one line per leaf key path, sorted:
/// "~ image.tag: 0.1.0 → 0.2.0", "+ nodeSelector.disktype: ssd", "- service.nodePort: 30080".
QStringList diffValues(const QJsonObject& before, const QJsonObject& after);

}  // namespace helmdeck::ops
