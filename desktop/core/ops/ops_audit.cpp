#include "core/ops/ops_audit.hpp"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>

namespace helmdeck::ops {

QJsonObject AuditEntry::toJson() const {
    return QJsonObject{{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("request"), request},
                       {QStringLiteral("command"), command},
                       {QStringLiteral("mutating"), mutating},
                       {QStringLiteral("exitCode"), exitCode},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("confirmedBy"), confirmedBy.isEmpty() ? QJsonValue() : QJsonValue(confirmedBy)},
                       {QStringLiteral("user"), user}};
}

OpsAuditLog::OpsAuditLog(QString dataDir)
    : path_(QDir(dataDir).filePath(QStringLiteral("ops-audit.jsonl"))) {}

bool OpsAuditLog::append(const AuditEntry& entry, QString* error) const {
    QDir().mkpath(QFileInfo(path_).absolutePath());
    QFile file(path_);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error) *error = file.errorString();
        return false;
    }
    const QByteArray line = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(line) != line.size() || !file.flush()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

QList<QJsonObject> OpsAuditLog::load() const {
    QList<QJsonObject> entries;
    QFile file(path_);
    if (!file.open(QIODevice::ReadOnly)) return entries;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject()) entries << document.object();
    }
    return entries;
}

}  // namespace helmdeck::ops
