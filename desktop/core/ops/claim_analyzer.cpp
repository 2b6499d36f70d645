// PersistentVolumeClaims that are not bound, with the provisioner's reason.

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

QList<Finding> analyzeClaims(const ClusterSnapshot& snapshot) {
    QList<Finding> findings;
    for (const QJsonObject& claim : snapshot.claims) {
        const QString phase = textAt(claim, {"status", "phase"});
        if (phase == QLatin1String("Bound")) continue;
        Finding finding;
        finding.severity = phase == QLatin1String("Lost") ? Severity::Error : Severity::Warning;
        finding.analyzer = QStringLiteral("claims");
        finding.object = ObjectRef{QStringLiteral("PersistentVolumeClaim"), nameOfObject(claim)};
        finding.cause = QStringLiteral("the claim is %1: no volume is bound to it (storage class %2)")
                            .arg(phase.toLower(), textAt(claim, {"spec", "storageClassName"}));
        for (const QJsonObject& event : snapshot.eventsFor(finding.object.kind, finding.object.name)) {
            finding.evidence << QStringLiteral("event %1: %2").arg(event.value(QStringLiteral("reason")).toString(),
                                                                   event.value(QStringLiteral("message")).toString());
            break;
        }
        finding.fixHint = QStringLiteral("use a storage class that exists and has a provisioner (kubectl get storageclass)");
        findings << finding;
    }
    return findings;
}

}  // namespace helmdeck::ops
