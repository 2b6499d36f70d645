// Deployments: a paused rollout, a rollout stuck past its progress deadline, unavailable replicas.

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

namespace {

QJsonObject condition(const QJsonObject& deployment, const QString& type) {
    for (const QJsonValue& value : arrayAt(deployment, {"status", "conditions"}))
        if (value.toObject().value(QStringLiteral("type")).toString() == type) return value.toObject();
    return {};
}

}  // namespace

QList<Finding> analyzeDeployments(const ClusterSnapshot& snapshot) {
    QList<Finding> findings;
    const QString release = snapshot.helmStatus.value(QStringLiteral("name")).toString();
    for (const QJsonObject& deployment : snapshot.deployments) {
        const QString name = nameOfObject(deployment);
        const bool fromRelease =
            !release.isEmpty() &&
            (textAt(deployment, {"metadata", "labels", "app.kubernetes.io/instance"}) == release ||
             textAt(deployment, {"metadata", "annotations", "meta.helm.sh/release-name"}) == release);
        const int desired = at(deployment, {"spec", "replicas"}).toInt(1);
        const int available = at(deployment, {"status", "availableReplicas"}).toInt();
        const int updated = at(deployment, {"status", "updatedReplicas"}).toInt();
        const int ready = at(deployment, {"status", "readyReplicas"}).toInt();
        const QJsonObject progressing = condition(deployment, QStringLiteral("Progressing"));
        const QString counts = QStringLiteral("replicas: %1 desired, %2 updated, %3 ready, %4 available")
                                   .arg(desired)
                                   .arg(updated)
                                   .arg(ready)
                                   .arg(available);
        auto make = [&](Severity severity, const QString& cause) {
            Finding finding;
            finding.severity = severity;
            finding.analyzer = QStringLiteral("deployments");
            finding.object = ObjectRef{QStringLiteral("Deployment"), name};
            finding.cause = cause;
            finding.evidence << counts;
            if (!progressing.isEmpty())
                finding.evidence << QStringLiteral("Progressing=%1 (%2): %3")
                                        .arg(progressing.value(QStringLiteral("status")).toString(),
                                             progressing.value(QStringLiteral("reason")).toString(),
                                             progressing.value(QStringLiteral("message")).toString());
            return finding;
        };

        if (at(deployment, {"spec", "paused"}).toBool()) {
            Finding finding = make(Severity::Warning, QStringLiteral("the rollout is paused: changes to it do not roll out"));
            finding.fixHint = QStringLiteral("resume it: kubectl --namespace %1 rollout resume deployment/%2")
                                  .arg(textAt(deployment, {"metadata", "namespace"}), name);
            findings << finding;
            continue;
        }
        if (progressing.value(QStringLiteral("reason")).toString() == QLatin1String("ProgressDeadlineExceeded")) {
            Finding finding = make(Severity::Error,
                                   QStringLiteral("the rollout is stuck: no progress within its %1 s deadline")
                                       .arg(at(deployment, {"spec", "progressDeadlineSeconds"}).toInt(600)));
            finding.fixHint = QStringLiteral("see its pods' findings for why the new pods do not become ready");
            if (fromRelease) finding.fix = rollbackFix(snapshot);
            if (finding.fix) finding.fixHint += QStringLiteral("; roll back to revision %1").arg(finding.fix->revision);
            findings << finding;
            continue;
        }
        if (available < desired) {
            Finding finding = make(available == 0 ? Severity::Error : Severity::Warning,
                                   QStringLiteral("%1 of %2 replicas are unavailable").arg(desired - available).arg(desired));
            finding.fixHint = QStringLiteral("see its pods' findings");
            if (fromRelease && available == 0) finding.fix = rollbackFix(snapshot);
            findings << finding;
        }
    }
    return findings;
}

}  // namespace helmdeck::ops
