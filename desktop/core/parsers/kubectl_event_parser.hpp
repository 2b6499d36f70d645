#pragma once
// `kubectl get events -o json` → events, grouped by the object they are about, newest first.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace helmdeck::core {

struct EventInfo {
    QString type;     ///< "Normal" or "Warning"
    QString reason;   ///< "FailedScheduling", "Pulled", "BackOff", …
    QString message;
    QString objectKind;  ///< involvedObject.kind: "Pod", "Deployment", "ReplicaSet"
    QString objectName;
    int count = 1;
    QDateTime last;  ///< lastTimestamp, else eventTime, else firstTimestamp, else creation

    QString object() const { return objectKind + QLatin1Char('/') + objectName; }
    bool isWarning() const { return type == QLatin1String("Warning"); }
};

struct EventGroup {
    QString object;           ///< "Pod/todo-chatbot-7d9c5b6f4d-zt8hn"
    QList<EventInfo> events;  ///< newest first
    int warnings = 0;
};

/// Accepts a List of core/v1 Events (or events.k8s.io/v1, whose fields are named differently).
std::optional<QList<EventInfo>> parseKubectlEvents(const QByteArray& json, QString* error = nullptr);
/// One group per object; the groups ordered by their newest event, newest first.
QList<EventGroup> groupEventsByObject(QList<EventInfo> events);
/// The reason of the newest event about `kind/name`, empty when none.
QString latestReason(const QList<EventInfo>& events, const QString& kind, const QString& name);

}  // namespace helmdeck::core
