#include "core/ops/analyzer.hpp"

#include <QDateTime>
#include <QMap>
#include <QSet>
#include <algorithm>

#include "core/ops/k8s_json.hpp"
#include "core/parsers/rfc3339.hpp"

namespace helmdeck::ops {

const QList<Analyzer>& analyzers() {
    static const QList<Analyzer> registry{
        {"pods", &analyzePods},         {"deployments", &analyzeDeployments},
        {"services", &analyzeServices}, {"claims", &analyzeClaims},
        {"nodes", &analyzeNodes},       {"helm", &analyzeHelm}};
    return registry;
}

std::optional<Action> rollbackFix(const ClusterSnapshot& snapshot) {
    const int revision = snapshot.rollbackRevision();
    if (revision <= 0) return std::nullopt;
    Action action;
    action.kind = ActionKind::Rollback;
    action.revision = revision;
    return action;
}

QList<EventGroup> groupWarningEvents(const ClusterSnapshot& snapshot) {
    QList<EventGroup> groups;
    QMap<QString, int> index;  // "kind/name|reason" → position in groups
    for (const QJsonObject& event : snapshot.events) {
        if (event.value(QStringLiteral("type")).toString() != QLatin1String("Warning")) continue;
        const ObjectRef object{textAt(event, {"involvedObject", "kind"}),
                               textAt(event, {"involvedObject", "name"})};
        const QString reason = event.value(QStringLiteral("reason")).toString();
        const QString key = object.text() + QLatin1Char('|') + reason;
        if (!index.contains(key)) {
            index.insert(key, int(groups.size()));
            groups.append(EventGroup{object, reason, 0, {}, {}});
        }
        EventGroup& group = groups[index.value(key)];
        group.count += qMax(1, event.value(QStringLiteral("count")).toInt(1));
        QString seen = event.value(QStringLiteral("lastTimestamp")).toString();
        if (seen.isEmpty()) seen = event.value(QStringLiteral("eventTime")).toString();
        if (seen.isEmpty()) seen = event.value(QStringLiteral("firstTimestamp")).toString();
        const QString message = event.value(QStringLiteral("message")).toString();
        if (seen > group.lastSeen) {
            group.lastSeen = seen;
            group.messages.removeAll(message);
            group.messages.prepend(message);
        } else if (!group.messages.contains(message)) {
            group.messages.append(message);
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const EventGroup& a, const EventGroup& b) {
        return a.lastSeen > b.lastSeen;
    });
    return groups;
}

namespace {

// Since when each live pod has been Ready (absent: not Ready now).
QMap<QString, QDateTime> readySince(const ClusterSnapshot& snapshot) {
    QMap<QString, QDateTime> since;
    for (const QJsonObject& pod : snapshot.pods)
        for (const QJsonValue& value : arrayAt(pod, {"status", "conditions"})) {
            const QJsonObject condition = value.toObject();
            if (condition.value(QStringLiteral("type")).toString() == QLatin1String("Ready") &&
                condition.value(QStringLiteral("status")).toString() == QLatin1String("True"))
                since.insert(nameOfObject(pod),
                             core::parseRfc3339(condition.value(QStringLiteral("lastTransitionTime")).toString()));
        }
    return since;
}

// A Pod's warning that no longer says anything: the pod is gone, or it has been Ready since
// (a startup probe that failed while the database was still starting).
bool isStale(const EventGroup& group, const ClusterSnapshot& snapshot, const QMap<QString, QDateTime>& ready) {
    if (group.object.kind != QLatin1String("Pod")) return false;
    bool live = false;  // a terminating pod is as good as gone
    for (const QJsonObject& pod : snapshot.pods)
        live = live || (nameOfObject(pod) == group.object.name &&
                        !objectAt(pod, {"metadata"}).contains(QStringLiteral("deletionTimestamp")));
    if (!live) return true;
    const auto since = ready.constFind(group.object.name);
    return since != ready.constEnd() && since->isValid() && core::parseRfc3339(group.lastSeen) < *since;
}

}  // namespace

QList<Finding> analyzeEvents(const ClusterSnapshot& snapshot, const QList<Finding>& others) {
    QSet<QString> named;
    for (const Finding& finding : others) named.insert(finding.object.text());
    const QMap<QString, QDateTime> ready = readySince(snapshot);
    QList<Finding> findings;
    for (const EventGroup& group : groupWarningEvents(snapshot)) {
        Finding finding;
        finding.analyzer = QStringLiteral("events");
        finding.object = group.object;
        // Already explained by another finding, or over: kept for the record, not a warning.
        finding.severity = named.contains(group.object.text()) || isStale(group, snapshot, ready)
                               ? Severity::Info
                               : Severity::Warning;
        finding.cause = QStringLiteral("%1 (%2 time%3, last at %4)")
                            .arg(group.reason)
                            .arg(group.count)
                            .arg(group.count == 1 ? QString() : QStringLiteral("s"), group.lastSeen);
        finding.evidence = group.messages;
        findings << finding;
    }
    return findings;
}

QList<Finding> diagnose(const ClusterSnapshot& snapshot, const QStringList& only) {
    QList<Finding> findings;
    for (const Analyzer& analyzer : analyzers())
        if (only.isEmpty() || only.contains(QLatin1String(analyzer.name)))
            findings << analyzer.analyze(snapshot);
    if (only.isEmpty() || only.contains(QStringLiteral("events")))
        findings << analyzeEvents(snapshot, findings);
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return a.severity > b.severity;
    });
    return findings;
}

}  // namespace helmdeck::ops
