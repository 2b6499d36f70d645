// The Helm release: stuck in pending-install/upgrade/rollback (helm #4558, #8987, #11565), or
// its last operation failed.

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

QList<Finding> analyzeHelm(const ClusterSnapshot& snapshot) {
    const QString status = snapshot.releaseStatus();
    if (status.isEmpty()) return {};
    Finding finding;
    finding.analyzer = QStringLiteral("helm");
    finding.object = ObjectRef{QStringLiteral("Release"), snapshot.helmStatus.value(QStringLiteral("name")).toString()};
    const int revision = snapshot.releaseRevision();
    finding.evidence << QStringLiteral("revision %1: %2 (%3)")
                            .arg(revision)
                            .arg(status, textAt(snapshot.helmStatus, {"info", "description"}));
    for (const QJsonValue& value : snapshot.helmHistory) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QStringLiteral("revision")).toInt() == revision) continue;
        finding.evidence << QStringLiteral("history: revision %1 %2 (%3)")
                                .arg(entry.value(QStringLiteral("revision")).toInt())
                                .arg(entry.value(QStringLiteral("status")).toString(),
                                     entry.value(QStringLiteral("description")).toString());
    }
    if (status.startsWith(QLatin1String("pending-"))) {
        finding.severity = Severity::Error;
        finding.cause = QStringLiteral("the release is stuck in %1 at revision %2: an operation was interrupted, "
                                       "and helm refuses another until it is resolved")
                            .arg(status)
                            .arg(revision);
        finding.fix = rollbackFix(snapshot);
        if (finding.fix) {
            finding.fixHint = QStringLiteral("roll back to revision %1, the last deployed one").arg(finding.fix->revision);
        } else {
            finding.fixHint = QStringLiteral("no earlier revision to return to: uninstall the release and install it again");
            Action uninstall;
            uninstall.kind = ActionKind::Uninstall;
            finding.fix = uninstall;
        }
        return {finding};
    }
    if (status == QLatin1String("failed")) {
        finding.severity = Severity::Error;
        finding.cause = QStringLiteral("the release's last operation failed (revision %1)").arg(revision);
        finding.fix = rollbackFix(snapshot);
        finding.fixHint = finding.fix ? QStringLiteral("roll back to revision %1").arg(finding.fix->revision)
                                      : QStringLiteral("fix the values and upgrade again");
        return {finding};
    }
    return {};
}

}  // namespace helmdeck::ops
