// Nodes that are not Ready or are under memory, disk or PID pressure.

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

QList<Finding> analyzeNodes(const ClusterSnapshot& snapshot) {
    QList<Finding> findings;
    for (const QJsonObject& node : snapshot.nodes) {
        for (const QJsonValue& value : arrayAt(node, {"status", "conditions"})) {
            const QJsonObject condition = value.toObject();
            const QString type = condition.value(QStringLiteral("type")).toString();
            const QString status = condition.value(QStringLiteral("status")).toString();
            const bool bad = type == QLatin1String("Ready") ? status != QLatin1String("True")
                                                            : status == QLatin1String("True");
            if (!bad) continue;
            Finding finding;
            finding.severity = type == QLatin1String("Ready") ? Severity::Error : Severity::Warning;
            finding.analyzer = QStringLiteral("nodes");
            finding.object = ObjectRef{QStringLiteral("Node"), nameOfObject(node)};
            finding.cause = type == QLatin1String("Ready")
                                ? QStringLiteral("the node is not ready")
                                : QStringLiteral("the node reports %1").arg(type);
            finding.evidence << QStringLiteral("%1=%2 (%3): %4")
                                    .arg(type, status, condition.value(QStringLiteral("reason")).toString(),
                                         condition.value(QStringLiteral("message")).toString());
            findings << finding;
        }
    }
    return findings;
}

}  // namespace helmdeck::ops
