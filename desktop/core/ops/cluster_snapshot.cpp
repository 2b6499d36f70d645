#include "core/ops/cluster_snapshot.hpp"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

#include "core/parsers/helm_parser.hpp"

namespace helmdeck::ops {

namespace {

QString text(const QJsonObject& object, const char* a, const char* b) {
    return object.value(QLatin1String(a)).toObject().value(QLatin1String(b)).toString();
}

QString newestTime(const QJsonObject& event) {
    for (const char* key : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
        const QString value = event.value(QLatin1String(key)).toString();
        if (!value.isEmpty()) return value;
    }
    return text(event, "metadata", "creationTimestamp");
}

std::optional<QByteArray> readFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

}  // namespace

bool ClusterSnapshot::addKubectlJson(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? QStringLiteral("not JSON: %1").arg(parseError.errorString())
                         : QStringLiteral("expected a kubectl JSON object");
        return false;
    }
    const QJsonObject root = document.object();
    QJsonArray items;
    if (root.value(QStringLiteral("kind")).toString().endsWith(QLatin1String("List")))
        items = root.value(QStringLiteral("items")).toArray();
    else
        items.append(root);
    const QMap<QString, QList<QJsonObject>*> lists{
        {QStringLiteral("Pod"), &pods},
        {QStringLiteral("Event"), &events},
        {QStringLiteral("Deployment"), &deployments},
        {QStringLiteral("ReplicaSet"), &replicaSets},
        {QStringLiteral("Service"), &services},
        {QStringLiteral("Endpoints"), &endpoints},
        {QStringLiteral("PersistentVolumeClaim"), &claims},
        {QStringLiteral("Node"), &nodes}};
    for (const QJsonValue& item : items) {
        const QJsonObject object = item.toObject();
        if (auto* list = lists.value(object.value(QStringLiteral("kind")).toString())) *list << object;
    }
    return true;
}

bool ClusterSnapshot::setHelmStatus(const QByteArray& json, QString* error) {
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject()) {
        if (error) *error = QStringLiteral("helm status: expected a JSON object");
        return false;
    }
    helmStatus = document.object();
    return true;
}

bool ClusterSnapshot::setHelmHistory(const QByteArray& json, QString* error) {
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isArray()) {
        if (error) *error = QStringLiteral("helm history: expected a JSON array");
        return false;
    }
    helmHistory = document.array();
    return true;
}

QList<QJsonObject> ClusterSnapshot::podsMatching(const QJsonObject& selector) const {
    QList<QJsonObject> matching;
    if (selector.isEmpty()) return matching;
    for (const QJsonObject& candidate : pods) {
        const QJsonObject labels =
            candidate.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("labels")).toObject();
        bool all = true;
        for (auto it = selector.begin(); it != selector.end() && all; ++it)
            all = labels.value(it.key()).toString() == it.value().toString();
        if (all) matching << candidate;
    }
    return matching;
}

const QJsonObject* ClusterSnapshot::pod(const QString& name) const {
    for (const QJsonObject& candidate : pods)
        if (text(candidate, "metadata", "name") == name) return &candidate;
    return nullptr;
}

QString ClusterSnapshot::deploymentOf(const QJsonObject& pod) const {
    const QJsonArray owners =
        pod.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("ownerReferences")).toArray();
    for (const QJsonValue& owner : owners) {
        const QJsonObject ref = owner.toObject();
        if (ref.value(QStringLiteral("kind")).toString() != QLatin1String("ReplicaSet")) continue;
        const QString replicaSet = ref.value(QStringLiteral("name")).toString();
        for (const QJsonObject& rs : replicaSets) {
            if (text(rs, "metadata", "name") != replicaSet) continue;
            const QJsonArray rsOwners =
                rs.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("ownerReferences")).toArray();
            for (const QJsonValue& rsOwner : rsOwners)
                if (rsOwner.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("Deployment"))
                    return rsOwner.toObject().value(QStringLiteral("name")).toString();
        }
        // Without the ReplicaSet, the Deployment's name is the ReplicaSet's minus its hash.
        const QString templateHash = pod.value(QStringLiteral("metadata")).toObject()
                                         .value(QStringLiteral("labels")).toObject()
                                         .value(QStringLiteral("pod-template-hash")).toString();
        if (!templateHash.isEmpty() && replicaSet.endsWith(QLatin1Char('-') + templateHash))
            return replicaSet.left(replicaSet.size() - templateHash.size() - 1);
    }
    return {};
}

QList<QJsonObject> ClusterSnapshot::eventsFor(const QString& kind, const QString& name) const {
    QList<QJsonObject> matching;
    for (const QJsonObject& event : events) {
        const QJsonObject involved = event.value(QStringLiteral("involvedObject")).toObject();
        if (involved.value(QStringLiteral("kind")).toString() == kind &&
            involved.value(QStringLiteral("name")).toString() == name)
            matching << event;
    }
    std::stable_sort(matching.begin(), matching.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return newestTime(a) > newestTime(b);  // RFC 3339 UTC strings sort as times
    });
    return matching;
}

QString ClusterSnapshot::releaseStatus() const {
    return text(helmStatus, "info", "status");
}

int ClusterSnapshot::releaseRevision() const {
    return helmStatus.value(QStringLiteral("version")).toInt();
}

int ClusterSnapshot::rollbackRevision() const {
    const auto history =
        core::parseHelmHistory(QJsonDocument(helmHistory).toJson(QJsonDocument::Compact));
    if (!history) return 0;
    return core::rollbackTarget(*history).value_or(0);
}

std::optional<ClusterSnapshot> loadSnapshotDir(const QString& path, QString* error) {
    const QDir dir(path);
    if (!dir.exists()) {
        if (error) *error = QStringLiteral("%1: no such folder").arg(path);
        return std::nullopt;
    }
    ClusterSnapshot snapshot;
    const QStringList helmFiles{QStringLiteral("helm-status.json"), QStringLiteral("helm-history.json")};
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const auto bytes = readFile(dir.filePath(name), error);
        if (!bytes) return std::nullopt;
        QString why;
        bool ok = true;
        if (name == helmFiles.at(0))
            ok = bytes->trimmed().isEmpty() || snapshot.setHelmStatus(*bytes, &why);
        else if (name == helmFiles.at(1))
            ok = bytes->trimmed().isEmpty() || snapshot.setHelmHistory(*bytes, &why);
        else
            ok = snapshot.addKubectlJson(*bytes, &why);
        if (!ok) {
            if (error) *error = QStringLiteral("%1: %2").arg(dir.filePath(name), why);
            return std::nullopt;
        }
    }
    const QDir logs(dir.filePath(QStringLiteral("logs")));
    for (const QString& name : logs.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name)) {
        const auto bytes = readFile(logs.filePath(name), error);
        if (!bytes) return std::nullopt;
        QString stem = name.chopped(4);
        const bool previous = stem.endsWith(QLatin1String(".previous"));
        if (previous) stem.chop(9);
        const int underscore = stem.lastIndexOf(QLatin1Char('_'));
        if (underscore <= 0) continue;
        const QString key = ClusterSnapshot::logKey(stem.left(underscore), stem.mid(underscore + 1));
        (previous ? snapshot.previousLogs : snapshot.logs).insert(key, QString::fromUtf8(*bytes));
    }
    return snapshot;
}

}  // namespace helmdeck::ops
