#pragma once
// What the analyzers look at: the objects of the release's namespace as `kubectl get … -o json`
// prints them, the nodes, `helm status/history -o json`, and the logs of failing containers.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace helmdeck::ops {

struct ClusterSnapshot {
    QList<QJsonObject> pods;
    QList<QJsonObject> events;
    QList<QJsonObject> deployments;
    QList<QJsonObject> replicaSets;
    QList<QJsonObject> services;
    QList<QJsonObject> endpoints;
    QList<QJsonObject> claims;  ///< PersistentVolumeClaims
    QList<QJsonObject> nodes;
    QJsonObject helmStatus;  ///< empty when the release is not installed
    QJsonArray helmHistory;  ///< oldest first
    /// Log text by "pod/container": the current container and the previous (crashed) one.
    QMap<QString, QString> logs;
    QMap<QString, QString> previousLogs;

    /// Adds every item of a kubectl List (or one object) to its kind's list; unknown kinds are
    /// ignored. False with `error` when the text is not a kubectl JSON object.
    bool addKubectlJson(const QByteArray& json, QString* error = nullptr);
    bool setHelmStatus(const QByteArray& json, QString* error = nullptr);
    bool setHelmHistory(const QByteArray& json, QString* error = nullptr);

    /// The pods a label selector (a map of key to value) picks.
    QList<QJsonObject> podsMatching(const QJsonObject& selector) const;
    const QJsonObject* pod(const QString& name) const;
    /// The Deployment that owns a pod through its ReplicaSet, or "".
    QString deploymentOf(const QJsonObject& pod) const;
    /// Events about one object, newest first.
    QList<QJsonObject> eventsFor(const QString& kind, const QString& name) const;
    /// The release's status ("deployed", "pending-upgrade", …), "" when not installed.
    QString releaseStatus() const;
    int releaseRevision() const;
    /// The revision a rollback should return to (the newest deployed or superseded one before
    /// the last), or 0 when there is none.
    int rollbackRevision() const;

    static QString logKey(const QString& pod, const QString& container) {
        return pod + QLatin1Char('/') + container;
    }
};

/// Reads a recorded snapshot folder: every *.json kubectl List in it (get.json, nodes.json),
/// helm-status.json, helm-history.json, and logs/POD_CONTAINER[.previous].log.
std::optional<ClusterSnapshot> loadSnapshotDir(const QString& dir, QString* error = nullptr);

}  // namespace helmdeck::ops
