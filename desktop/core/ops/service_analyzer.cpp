// Services: a selector that matches no pod, no ready endpoint, a port no container exposes.

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

namespace {

QStringList containerPorts(const QList<QJsonObject>& pods) {
    QStringList ports;
    for (const QJsonObject& pod : pods)
        for (const QJsonValue& container : arrayAt(pod, {"spec", "containers"}))
            for (const QJsonValue& port : container.toObject().value(QStringLiteral("ports")).toArray()) {
                const QJsonObject p = port.toObject();
                const QString text = p.contains(QStringLiteral("name"))
                                         ? QStringLiteral("%1/%2").arg(p.value(QStringLiteral("name")).toString())
                                               .arg(p.value(QStringLiteral("containerPort")).toInt())
                                         : QString::number(p.value(QStringLiteral("containerPort")).toInt());
                if (!ports.contains(text)) ports << text;
            }
    return ports;
}

bool exposes(const QList<QJsonObject>& pods, const QJsonValue& targetPort) {
    for (const QJsonObject& pod : pods)
        for (const QJsonValue& container : arrayAt(pod, {"spec", "containers"}))
            for (const QJsonValue& port : container.toObject().value(QStringLiteral("ports")).toArray()) {
                const QJsonObject p = port.toObject();
                if (targetPort.isString() ? p.value(QStringLiteral("name")).toString() == targetPort.toString()
                                          : p.value(QStringLiteral("containerPort")).toInt() == targetPort.toInt())
                    return true;
            }
    return false;
}

}  // namespace

QList<Finding> analyzeServices(const ClusterSnapshot& snapshot) {
    QList<Finding> findings;
    const QString release = snapshot.helmStatus.value(QStringLiteral("name")).toString();
    for (const QJsonObject& service : snapshot.services) {
        const QJsonObject selector = objectAt(service, {"spec", "selector"});
        if (selector.isEmpty()) continue;  // endpoints managed by hand or ExternalName
        const QString name = nameOfObject(service);
        const bool fromRelease =
            !release.isEmpty() && textAt(service, {"metadata", "annotations", "meta.helm.sh/release-name"}) == release;
        auto make = [&](const QString& cause) {
            Finding finding;
            finding.severity = Severity::Error;
            finding.analyzer = QStringLiteral("services");
            finding.object = ObjectRef{QStringLiteral("Service"), name};
            finding.cause = cause;
            finding.evidence << QStringLiteral("selector: %1").arg(selectorText(selector));
            return finding;
        };
        const QList<QJsonObject> pods = snapshot.podsMatching(selector);
        if (pods.isEmpty()) {
            Finding finding = make(QStringLiteral("its selector matches no pod, so it has no endpoints"));
            QStringList seen;
            for (const QJsonObject& pod : snapshot.pods) {
                QJsonObject labels = objectAt(pod, {"metadata", "labels"});
                labels.remove(QStringLiteral("pod-template-hash"));
                const QString text = selectorText(labels);
                if (!seen.contains(text)) seen << text;
            }
            for (const QString& labels : seen.mid(0, 3)) finding.evidence << QStringLiteral("pod labels: %1").arg(labels);
            finding.fixHint = QStringLiteral("make the Service's selector match the pods' labels");
            if (fromRelease) finding.fix = rollbackFix(snapshot);
            if (finding.fix) finding.fixHint += QStringLiteral(", or roll back to revision %1").arg(finding.fix->revision);
            findings << finding;
            continue;
        }
        for (const QJsonValue& value : arrayAt(service, {"spec", "ports"})) {
            const QJsonObject port = value.toObject();
            const QJsonValue target = port.contains(QStringLiteral("targetPort")) ? port.value(QStringLiteral("targetPort"))
                                                                                  : port.value(QStringLiteral("port"));
            if (!exposes(pods, target)) {
                const QString targetText = target.isString() ? target.toString() : QString::number(target.toInt());
                Finding finding = make(QStringLiteral("port %1 targets %2, which no container of its pods exposes")
                                           .arg(port.value(QStringLiteral("port")).toInt())
                                           .arg(targetText));
                finding.evidence << QStringLiteral("the pods expose: %1").arg(containerPorts(pods).join(QStringLiteral(", ")));
                finding.fixHint = QStringLiteral("set the Service's targetPort to the container's port");
                findings << finding;
            }
        }
        int ready = 0;
        QStringList notReady;
        for (const QJsonObject& endpoints : snapshot.endpoints) {
            if (nameOfObject(endpoints) != name) continue;
            for (const QJsonValue& subset : arrayAt(endpoints, {"subsets"})) {
                ready += subset.toObject().value(QStringLiteral("addresses")).toArray().size();
                for (const QJsonValue& address : subset.toObject().value(QStringLiteral("notReadyAddresses")).toArray())
                    notReady << textAt(address.toObject(), {"targetRef", "name"});
            }
        }
        if (ready == 0) {
            Finding finding = make(QStringLiteral("no ready endpoint: %1 pod%2 match, none is ready")
                                       .arg(pods.size())
                                       .arg(pods.size() == 1 ? QStringLiteral("") : QStringLiteral("s")));
            if (!notReady.isEmpty()) finding.evidence << QStringLiteral("not ready: %1").arg(notReady.join(QStringLiteral(", ")));
            finding.fixHint = QStringLiteral("see the pods' findings for why they are not ready");
            findings << finding;
        }
    }
    return findings;
}

}  // namespace helmdeck::ops
