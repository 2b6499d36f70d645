#pragma once
// ops-audit.jsonl in the data dir: one JSON line per executed action (time, the request, the
// command, its exit status, who confirmed it).

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace helmdeck::ops {

struct AuditEntry {
    QDateTime time;
    QString request;      ///< the words the action came from ("scale the backend to 3")
    QString command;      ///< the exact command line that ran
    bool mutating = false;
    int exitCode = -1;    ///< -1 when it did not exit normally
    QString status;       ///< ok, failed, timed-out, cancelled, not-found
    QString confirmedBy;  ///< "tty", "--yes", "gui", "" for a read-only action
    QString user;         ///< $USER of the process that ran it

    QJsonObject toJson() const;
};

class OpsAuditLog {
public:
    explicit OpsAuditLog(QString dataDir);

    QString filePath() const { return path_; }
    /// Appends one line and flushes it; false with `error` when the file cannot be written.
    bool append(const AuditEntry& entry, QString* error = nullptr) const;
    /// Every line read back as JSON (corrupt lines skipped).
    QList<QJsonObject> load() const;

private:
    QString path_;
};

}  // namespace helmdeck::ops
