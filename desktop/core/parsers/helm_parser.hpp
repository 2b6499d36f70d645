#pragma once
// `helm status -o json` and `helm history -o json` (Helm 3) → release and revisions.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace helmdeck::core {

struct HelmRelease {
    QString name;
    QString namespace_;
    int revision = 0;
    QString status;  ///< deployed, failed, pending-install, pending-upgrade, superseded, …
    QString chartName;
    QString chartVersion;
    QString appVersion;
    QString description;
    QString notes;
    QDateTime firstDeployed;
    QDateTime lastDeployed;

    QString chart() const {
        return chartName + QLatin1Char('-') + chartVersion;
    }  ///< "todo-chatbot-0.1.0"
};

struct HelmRevision {
    int revision = 0;
    QDateTime updated;
    QString status;
    QString chart;  ///< "name-version", as helm history prints it
    QString appVersion;
    QString description;
};

std::optional<HelmRelease> parseHelmStatus(const QByteArray& json, QString* error = nullptr);
/// Revisions oldest first, as helm prints them.
std::optional<QList<HelmRevision>> parseHelmHistory(const QByteArray& json,
                                                    QString* error = nullptr);

/// The revision a rollback should return to: the newest one before the current (last)
/// revision that was deployed or superseded. nullopt when there is none.
std::optional<int> rollbackTarget(const QList<HelmRevision>& history);

}  // namespace helmdeck::core
