// Pods: crash loops, images not in the cluster, OOM kills, failing probes, unschedulable pods
// and missing configuration, each with the evidence a person needs to act.

#include <QRegularExpression>

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

namespace {

constexpr int kLogLines = 20;
const QStringList kImageReasons{QStringLiteral("ImagePullBackOff"), QStringLiteral("ErrImagePull"),
                                QStringLiteral("ErrImageNeverPull"), QStringLiteral("InvalidImageName")};

struct PodView {
    const ClusterSnapshot& snapshot;
    const QJsonObject& pod;
    QString name;
    ObjectRef parent;
    bool fromRelease = false;  ///< labelled app.kubernetes.io/instance=<the helm release>
};

Finding newFinding(const PodView& view, Severity severity, const QString& cause) {
    Finding finding;
    finding.severity = severity;
    finding.analyzer = QStringLiteral("pods");
    finding.object = ObjectRef{QStringLiteral("Pod"), view.name};
    finding.parent = view.parent;
    finding.cause = cause;
    return finding;
}

QStringList lastLines(const QString& text, int count) {
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty()) lines.removeLast();
    return lines.mid(qMax(0, int(lines.size()) - count));
}

// Event messages as evidence lines: "Reason: message (N times, last at T)".
QStringList eventEvidence(const QList<QJsonObject>& events, const QStringList& reasons, int max = 3) {
    QStringList lines;
    for (const QJsonObject& event : events) {
        if (!reasons.isEmpty() && !reasons.contains(event.value(QStringLiteral("reason")).toString()))
            continue;
        if (event.value(QStringLiteral("type")).toString() != QLatin1String("Warning")) continue;
        const int count = event.value(QStringLiteral("count")).toInt(1);
        QString line = QStringLiteral("event %1: %2").arg(event.value(QStringLiteral("reason")).toString(),
                                                          event.value(QStringLiteral("message")).toString());
        if (count > 1)
            line += QStringLiteral(" (%1 times, last at %2)")
                        .arg(count)
                        .arg(event.value(QStringLiteral("lastTimestamp")).toString());
        lines << line;
        if (lines.size() >= max) break;
    }
    return lines;
}

QString restartsText(int restarts) {
    return restarts == 1 ? QStringLiteral("restarted once")
                         : QStringLiteral("restarted %1 times").arg(restarts);
}

Finding imageFinding(const PodView& view, const QJsonObject& status, const QString& reason) {
    const QString container = status.value(QStringLiteral("name")).toString();
    QString image = containerSpec(view.pod, container).value(QStringLiteral("image")).toString();
    if (image.isEmpty()) image = status.value(QStringLiteral("image")).toString();
    Finding finding = newFinding(view, Severity::Error,
                                 QStringLiteral("the image %1 is not in the cluster (%2)").arg(image, reason));
    finding.evidence << QStringLiteral("%1: %2").arg(reason, textAt(status, {"state", "waiting", "message"}));
    finding.evidence << eventEvidence(view.snapshot.eventsFor(QStringLiteral("Pod"), view.name),
                                      {QStringLiteral("Failed")}, 2);
    finding.fixHint = QStringLiteral(
                          "load the image into the cluster with the Load step (helmdeck-cli deploy "
                          "--target cluster; by hand: minikube image load %1, or kind load docker-image %1)")
                          .arg(image);
    return finding;
}

Finding configFinding(const PodView& view, const QJsonObject& status) {
    const QString message = textAt(status, {"state", "waiting", "message"});
    static const QRegularExpression missingKey(
        QStringLiteral("couldn't find key (\\S+) in (Secret|ConfigMap) ([^/\\s]+)/(\\S+)"));
    static const QRegularExpression missingObject(
        QStringLiteral("(secret|configmap) \"([^\"]+)\" not found"), QRegularExpression::CaseInsensitiveOption);
    QString cause = QStringLiteral("the container's configuration cannot be built: %1").arg(message);
    QString hint = QStringLiteral("create the missing Secret or ConfigMap, or fix the reference in the values");
    if (const auto match = missingKey.match(message); match.hasMatch()) {
        cause = QStringLiteral("the key %1 is missing from %2 %3").arg(match.captured(1), match.captured(2), match.captured(4));
        hint = match.captured(2) == QLatin1String("Secret")
                   ? QStringLiteral("add the key: kubectl --namespace %1 create secret generic %2 --from-literal=%3=… "
                                    "(or edit the existing Secret)")
                         .arg(match.captured(3), match.captured(4), match.captured(1))
                   : QStringLiteral("add the key %1 to ConfigMap %2").arg(match.captured(1), match.captured(4));
    } else if (const auto object = missingObject.match(message); object.hasMatch()) {
        const QString kind = object.captured(1).toLower() == QLatin1String("secret") ? QStringLiteral("Secret")
                                                                                    : QStringLiteral("ConfigMap");
        cause = QStringLiteral("%1 %2 does not exist").arg(kind, object.captured(2));
        hint = QStringLiteral("create %1 %2 in the release's namespace").arg(kind, object.captured(2));
    }
    Finding finding = newFinding(view, Severity::Error, cause);
    finding.evidence << QStringLiteral("CreateContainerConfigError: %1").arg(message);
    finding.evidence << eventEvidence(view.snapshot.eventsFor(QStringLiteral("Pod"), view.name),
                                      {QStringLiteral("Failed")}, 1);
    finding.fixHint = hint;
    Action describePod;
    describePod.kind = ActionKind::Describe;
    describePod.resourceKind = QStringLiteral("pod");
    describePod.name = view.name;
    finding.fix = describePod;
    return finding;
}

Finding oomFinding(const PodView& view, const QJsonObject& status, const QJsonObject& terminated) {
    const QString container = status.value(QStringLiteral("name")).toString();
    const QString limit = textAt(containerSpec(view.pod, container), {"resources", "limits", "memory"});
    const int restarts = status.value(QStringLiteral("restartCount")).toInt();
    Finding finding = newFinding(
        view, Severity::Error,
        limit.isEmpty()
            ? QStringLiteral("the container %1 was OOMKilled: it ran out of memory (%2)").arg(container, restartsText(restarts))
            : QStringLiteral("the container %1 was OOMKilled: it needs more than its %2 memory limit (%3)")
                  .arg(container, limit, restartsText(restarts)));
    finding.evidence << QStringLiteral("last state: terminated, reason OOMKilled, exit code %1, at %2")
                            .arg(terminated.value(QStringLiteral("exitCode")).toInt())
                            .arg(terminated.value(QStringLiteral("finishedAt")).toString());
    if (!limit.isEmpty()) finding.evidence << QStringLiteral("resources.limits.memory: %1").arg(limit);
    // Twice the limit, at least 64 Mi, rounded up to a power of two: enough to get it running.
    double suggested = 64.0 * 1024 * 1024;
    if (const auto bytes = memoryBytes(limit)) {
        suggested = qMax(suggested, *bytes * 2);
        double power = 1024.0 * 1024;
        while (power < suggested) power *= 2;
        suggested = power;
    }
    const QString suggestion = memoryQuantity(suggested);
    finding.fixHint = QStringLiteral("raise the memory limit to %1").arg(suggestion);
    if (view.fromRelease) {
        Action raise;
        raise.kind = ActionKind::SetValueUpgrade;
        raise.valueKey = QStringLiteral("resources.limits.memory");
        raise.value = suggestion;
        finding.fix = raise;
    }
    return finding;
}

Finding crashFinding(const PodView& view, const QJsonObject& status, const QJsonObject& terminated) {
    const QString container = status.value(QStringLiteral("name")).toString();
    const int exitCode = terminated.value(QStringLiteral("exitCode")).toInt();
    const int restarts = status.value(QStringLiteral("restartCount")).toInt();
    const QString key = ClusterSnapshot::logKey(view.name, container);
    const QStringList current = lastLines(view.snapshot.logs.value(key), kLogLines);
    const QStringList previous = lastLines(view.snapshot.previousLogs.value(key), kLogLines);
    QString cause = QStringLiteral("the container %1 keeps exiting with code %2 (CrashLoopBackOff, %3)")
                        .arg(container)
                        .arg(exitCode)
                        .arg(restartsText(restarts));
    Finding finding = newFinding(view, Severity::Error, cause);
    finding.evidence << QStringLiteral("last state: terminated, reason %1, exit code %2, at %3")
                            .arg(terminated.value(QStringLiteral("reason")).toString())
                            .arg(exitCode)
                            .arg(terminated.value(QStringLiteral("finishedAt")).toString());
    if (!current.isEmpty()) {
        finding.evidence << QStringLiteral("log (last %1 lines):").arg(current.size());
        for (const QString& line : current) finding.evidence << QStringLiteral("  ") + line;
    }
    if (!previous.isEmpty() && previous != current) {
        finding.evidence << QStringLiteral("previous container's log (last %1 lines):").arg(previous.size());
        for (const QString& line : previous) finding.evidence << QStringLiteral("  ") + line;
    } else if (!previous.isEmpty()) {
        finding.evidence << QStringLiteral("(the previous container's log ends the same way)");
    }
    finding.fixHint = QStringLiteral("the process fails on start: read its log, then fix its command or "
                                     "configuration");
    finding.fix = view.fromRelease ? rollbackFix(view.snapshot) : std::nullopt;
    if (finding.fix)
        finding.fixHint += QStringLiteral(", or roll back to revision %1").arg(finding.fix->revision);
    if (!finding.fix) {
        Action logs;
        logs.kind = ActionKind::Logs;
        logs.name = view.name;
        logs.container = container;
        logs.previous = true;
        finding.fix = logs;
    }
    return finding;
}

std::optional<Finding> probeFinding(const PodView& view, const QJsonObject& status) {
    const QList<QJsonObject> events = view.snapshot.eventsFor(QStringLiteral("Pod"), view.name);
    static const QRegularExpression probeMessage(QStringLiteral("^(Readiness|Liveness|Startup) probe failed: (.*)$"));
    for (const QJsonObject& event : events) {
        if (event.value(QStringLiteral("reason")).toString() != QLatin1String("Unhealthy")) continue;
        const auto match = probeMessage.match(event.value(QStringLiteral("message")).toString());
        if (!match.hasMatch()) continue;
        const QString which = match.captured(1);
        const QString container = status.value(QStringLiteral("name")).toString();
        const QJsonObject spec = containerSpec(view.pod, container);
        const QJsonObject probe = spec.value(which.toLower() + QStringLiteral("Probe")).toObject();
        const QJsonObject http = probe.value(QStringLiteral("httpGet")).toObject();
        QString target;
        if (!http.isEmpty())
            target = QStringLiteral("GET %1 on port %2")
                         .arg(http.value(QStringLiteral("path")).toString(QStringLiteral("/")))
                         .arg(resolvePort(spec, http.value(QStringLiteral("port"))));
        else if (probe.contains(QStringLiteral("tcpSocket")))
            target = QStringLiteral("TCP port %1").arg(resolvePort(spec, at(probe, {"tcpSocket", "port"})));
        else
            target = QStringLiteral("its command");
        Finding finding = newFinding(
            view, Severity::Error,
            QStringLiteral("the %1 probe (%2) fails: %3").arg(which.toLower(), target, match.captured(2)));
        finding.evidence << eventEvidence({event}, {}, 1);
        const int restarts = status.value(QStringLiteral("restartCount")).toInt();
        if (which == QLatin1String("Liveness") && restarts > 0)
            finding.evidence << QStringLiteral("the kubelet restarted the container: %1").arg(restartsText(restarts));
        finding.fixHint = QStringLiteral("make the probe's path and port match what the container serves");
        finding.fix = view.fromRelease ? rollbackFix(view.snapshot) : std::nullopt;
        if (finding.fix) finding.fixHint += QStringLiteral(", or roll back to revision %1").arg(finding.fix->revision);
        return finding;
    }
    return std::nullopt;
}

QStringList claimNames(const QJsonObject& pod) {
    QStringList names;
    for (const QJsonValue& volume : arrayAt(pod, {"spec", "volumes"})) {
        const QString claim = textAt(volume.toObject(), {"persistentVolumeClaim", "claimName"});
        if (!claim.isEmpty()) names << claim;
    }
    return names;
}

std::optional<Finding> schedulingFinding(const PodView& view) {
    QString message;
    for (const QJsonValue& value : arrayAt(view.pod, {"status", "conditions"})) {
        const QJsonObject condition = value.toObject();
        if (condition.value(QStringLiteral("type")).toString() == QLatin1String("PodScheduled") &&
            condition.value(QStringLiteral("status")).toString() == QLatin1String("False"))
            message = condition.value(QStringLiteral("message")).toString();
    }
    const QList<QJsonObject> events = view.snapshot.eventsFor(QStringLiteral("Pod"), view.name);
    for (const QJsonObject& event : events)
        if (event.value(QStringLiteral("reason")).toString() == QLatin1String("FailedScheduling")) {
            if (message.isEmpty()) message = event.value(QStringLiteral("message")).toString();
            break;
        }
    if (message.isEmpty()) return std::nullopt;

    // The scheduler's summary comes before " preemption: …".
    const QString summary = message.section(QStringLiteral(" preemption:"), 0, 0);
    QString cause;
    QString hint;
    std::optional<Action> fix;
    static const QRegularExpression insufficient(QStringLiteral("Insufficient (cpu|memory)"));
    static const QRegularExpression taint(QStringLiteral("untolerated taint \\{([^}]*)\\}"));
    if (const auto match = insufficient.match(summary); match.hasMatch()) {
        const QString resource = match.captured(1);
        QStringList requests;
        for (const QJsonValue& value : arrayAt(view.pod, {"spec", "containers"})) {
            const QString request = textAt(value.toObject(), {"resources", "requests", resource.toLatin1().constData()});
            if (!request.isEmpty()) requests << request;
        }
        cause = QStringLiteral("no node has enough free %1 for the pod's request (%2)")
                    .arg(resource, requests.isEmpty() ? QStringLiteral("none set") : requests.join(QStringLiteral(" + ")));
        hint = QStringLiteral("lower resources.requests.%1, or free or add %1 on a node").arg(resource);
    } else if (summary.contains(QLatin1String("didn't match Pod's node affinity/selector"))) {
        const QJsonObject selector = objectAt(view.pod, {"spec", "nodeSelector"});
        cause = selector.isEmpty()
                    ? QStringLiteral("no node matches the pod's node affinity")
                    : QStringLiteral("no node matches the pod's nodeSelector %1").arg(selectorText(selector));
        hint = QStringLiteral("remove or correct the nodeSelector, or label a node to match");
        if (view.fromRelease) fix = rollbackFix(view.snapshot);
    } else if (const auto tainted = taint.match(summary); tainted.hasMatch()) {
        QString taintText = tainted.captured(1);
        taintText.replace(QStringLiteral(": "), QStringLiteral("="));
        cause = QStringLiteral("every node has a taint the pod does not tolerate (%1)").arg(taintText);
        hint = QStringLiteral("add a matching toleration, or remove the taint: kubectl taint node NODE %1-")
                   .arg(taintText.section(QLatin1Char('='), 0, 0));
    } else if (summary.contains(QLatin1String("unbound")) && summary.contains(QLatin1String("PersistentVolumeClaim"))) {
        QStringList unbound;
        QStringList claimEvidence;
        for (const QString& claim : claimNames(view.pod)) {
            for (const QJsonObject& object : view.snapshot.claims)
                if (nameOfObject(object) == claim &&
                    textAt(object, {"status", "phase"}) != QLatin1String("Bound")) {
                    unbound << QStringLiteral("%1 (%2, storage class %3)")
                                   .arg(claim, textAt(object, {"status", "phase"}),
                                        textAt(object, {"spec", "storageClassName"}));
                }
            claimEvidence << eventEvidence(view.snapshot.eventsFor(QStringLiteral("PersistentVolumeClaim"), claim), {}, 1);
        }
        cause = QStringLiteral("its PersistentVolumeClaim is not bound: %1")
                    .arg(unbound.isEmpty() ? claimNames(view.pod).join(QStringLiteral(", ")) : unbound.join(QStringLiteral(", ")));
        hint = QStringLiteral("give the claim a storage class that exists and provisions volumes "
                              "(kubectl get storageclass), or turn persistence off");
        Finding finding = newFinding(view, Severity::Error, cause);
        finding.evidence << QStringLiteral("scheduler: %1").arg(summary) << claimEvidence;
        finding.fixHint = hint;
        return finding;
    } else {
        cause = QStringLiteral("the scheduler cannot place it: %1").arg(summary);
        hint = QStringLiteral("see the scheduler's reason above");
    }
    Finding finding = newFinding(view, Severity::Error, cause);
    finding.evidence << QStringLiteral("scheduler: %1").arg(summary);
    finding.evidence << eventEvidence(events, {QStringLiteral("FailedScheduling")}, 1);
    finding.evidence.removeDuplicates();
    finding.fixHint = hint;
    finding.fix = fix;
    if (fix) finding.fixHint += QStringLiteral("; or roll back to revision %1").arg(fix->revision);
    return finding;
}

QList<Finding> analyzePod(const ClusterSnapshot& snapshot, const QJsonObject& pod) {
    const QString phase = textAt(pod, {"status", "phase"});
    if (phase == QLatin1String("Succeeded")) return {};
    PodView view{snapshot, pod, nameOfObject(pod), {}, false};
    const QString deployment = snapshot.deploymentOf(pod);
    if (!deployment.isEmpty()) view.parent = ObjectRef{QStringLiteral("Deployment"), deployment};
    const QString release = snapshot.helmStatus.value(QStringLiteral("name")).toString();
    view.fromRelease = !release.isEmpty() &&
                       textAt(pod, {"metadata", "labels", "app.kubernetes.io/instance"}) == release;

    QList<Finding> findings;
    if (phase == QLatin1String("Pending") && arrayAt(pod, {"status", "containerStatuses"}).isEmpty()) {
        if (auto finding = schedulingFinding(view)) findings << *finding;
        return findings;
    }
    QJsonArray statuses = arrayAt(pod, {"status", "initContainerStatuses"});
    for (const QJsonValue& value : arrayAt(pod, {"status", "containerStatuses"})) statuses.append(value);
    for (const QJsonValue& value : statuses) {
        const QJsonObject status = value.toObject();
        const QString waiting = textAt(status, {"state", "waiting", "reason"});
        QJsonObject terminated = objectAt(status, {"state", "terminated"});
        if (terminated.isEmpty()) terminated = objectAt(status, {"lastState", "terminated"});
        const bool oom = terminated.value(QStringLiteral("reason")).toString() == QLatin1String("OOMKilled");
        if (kImageReasons.contains(waiting))
            findings << imageFinding(view, status, waiting);
        else if (waiting == QLatin1String("CreateContainerConfigError"))
            findings << configFinding(view, status);
        else if (oom && (waiting == QLatin1String("CrashLoopBackOff") || !status.value(QStringLiteral("ready")).toBool()))
            findings << oomFinding(view, status, terminated);
        else if (waiting == QLatin1String("CrashLoopBackOff") ||
                 (!terminated.isEmpty() && terminated.value(QStringLiteral("exitCode")).toInt() != 0 &&
                  !status.value(QStringLiteral("ready")).toBool()))
            findings << crashFinding(view, status, terminated);
        else if (status.contains(QStringLiteral("state")) && objectAt(status, {"state"}).contains(QStringLiteral("running")) &&
                 !status.value(QStringLiteral("ready")).toBool()) {
            if (auto finding = probeFinding(view, status))
                findings << *finding;
            else
                findings << newFinding(view, Severity::Warning,
                                       QStringLiteral("the container %1 runs but is not ready yet")
                                           .arg(status.value(QStringLiteral("name")).toString()));
        }
    }
    return findings;
}

}  // namespace

QList<Finding> analyzePods(const ClusterSnapshot& snapshot) {
    QList<Finding> findings;
    for (const QJsonObject& pod : snapshot.pods) findings << analyzePod(snapshot, pod);
    return findings;
}

}  // namespace helmdeck::ops
