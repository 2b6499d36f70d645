#include "core/parsers/kubectl_event_parser.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <algorithm>

#include "core/parsers/rfc3339.hpp"

namespace helmdeck::core {

namespace {

QDateTime timeOf(const QJsonObject& event) {
    for (const char* field : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
        const QString text = event.value(QLatin1String(field)).toString();
        if (text.isEmpty()) continue;
        const QDateTime when = parseRfc3339(text);
        if (when.isValid()) return when;
    }
    const QJsonObject series = event.value(QStringLiteral("series")).toObject();
    const QDateTime observed = parseRfc3339(series.value(QStringLiteral("lastObservedTime")).toString());
    if (observed.isValid()) return observed;
    return parseRfc3339(event.value(QStringLiteral("metadata"))
                            .toObject()
                            .value(QStringLiteral("creationTimestamp"))
                            .toString());
}

bool newerFirst(const EventInfo& a, const EventInfo& b) {
    return a.last > b.last;
}

}  // namespace

std::optional<QList<EventInfo>> parseKubectlEvents(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject() || !document.object().value(QStringLiteral("items")).isArray()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("expected a List with items");
        return std::nullopt;
    }
    QList<EventInfo> events;
    for (const auto& item : document.object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject event = item.toObject();
        // core/v1 says involvedObject and message; events.k8s.io/v1 says regarding and note.
        QJsonObject about = event.value(QStringLiteral("involvedObject")).toObject();
        if (about.isEmpty()) about = event.value(QStringLiteral("regarding")).toObject();
        EventInfo info;
        info.type = event.value(QStringLiteral("type")).toString();
        info.reason = event.value(QStringLiteral("reason")).toString();
        info.message = event.value(QStringLiteral("message")).toString(
            event.value(QStringLiteral("note")).toString());
        info.objectKind = about.value(QStringLiteral("kind")).toString();
        info.objectName = about.value(QStringLiteral("name")).toString();
        info.count = qMax(1, event.value(QStringLiteral("count")).toInt(
                                 event.value(QStringLiteral("series"))
                                     .toObject()
                                     .value(QStringLiteral("count"))
                                     .toInt(1)));
        info.last = timeOf(event);
        events.append(info);
    }
    return events;
}

QList<EventGroup> groupEventsByObject(QList<EventInfo> events) {
    std::stable_sort(events.begin(), events.end(), newerFirst);
    QList<EventGroup> groups;
    QMap<QString, qsizetype> index;
    for (const EventInfo& event : events) {
        const QString object = event.object();
        auto it = index.constFind(object);
        if (it == index.cend()) {
            it = index.insert(object, groups.size());
            groups.append(EventGroup{object, {}, 0});
        }
        EventGroup& group = groups[*it];
        group.events.append(event);
        group.warnings += event.isWarning() ? 1 : 0;
    }
    return groups;  // in order of each group's newest event, since events came newest first
}

QString latestReason(const QList<EventInfo>& events, const QString& kind, const QString& name) {
    const EventInfo* newest = nullptr;
    for (const EventInfo& event : events)
        if (event.objectKind == kind && event.objectName == name &&
            (!newest || event.last > newest->last))
            newest = &event;
    return newest ? newest->reason : QString();
}

}  // namespace helmdeck::core
