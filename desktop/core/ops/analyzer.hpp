#pragma once
// The analyzers: one pure function per kind of object, all of one shape, in one registry
// (k8sgpt's pkg/analyzer, without the LLM). Each reads a ClusterSnapshot, returns Findings.

#include <QList>
#include <QString>
#include <QStringList>

#include "core/ops/cluster_snapshot.hpp"
#include "core/ops/finding.hpp"

namespace helmdeck::ops {

using AnalyzerFunction = QList<Finding> (*)(const ClusterSnapshot& snapshot);

struct Analyzer {
    const char* name;  ///< pods, deployments, services, claims, nodes, helm
    AnalyzerFunction analyze;
};

QList<Finding> analyzePods(const ClusterSnapshot& snapshot);
QList<Finding> analyzeDeployments(const ClusterSnapshot& snapshot);
QList<Finding> analyzeServices(const ClusterSnapshot& snapshot);
QList<Finding> analyzeClaims(const ClusterSnapshot& snapshot);
QList<Finding> analyzeNodes(const ClusterSnapshot& snapshot);
QList<Finding> analyzeHelm(const ClusterSnapshot& snapshot);

/// Every analyzer, in the order they run (the events pass runs after them).
const QList<Analyzer>& analyzers();

/// A group of Warning events with one reason about one object.
struct EventGroup {
    ObjectRef object;
    QString reason;
    int count = 0;        ///< the sum of the events' counts
    QString lastSeen;     ///< RFC 3339, the newest of the group
    QStringList messages; ///< distinct messages, newest first
};
/// Warning events grouped by reason and object, newest group first.
QList<EventGroup> groupWarningEvents(const ClusterSnapshot& snapshot);
/// One finding per event group: a warning for an object no other finding names, else info.
QList<Finding> analyzeEvents(const ClusterSnapshot& snapshot, const QList<Finding>& others);

/// Runs the analyzers named in `only` (all when empty), then the events pass. Errors first,
/// then warnings, then info; within a severity in analyzer order.
QList<Finding> diagnose(const ClusterSnapshot& snapshot, const QStringList& only = {});

/// The fix shared by faults a release upgrade brought in: roll back to the last good revision
/// when the release has one (and the object belongs to it), else nothing.
std::optional<Action> rollbackFix(const ClusterSnapshot& snapshot);

}  // namespace helmdeck::ops
