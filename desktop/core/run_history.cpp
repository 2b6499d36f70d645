#include "core/run_history.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace helmdeck::core {
namespace {

QJsonValue optionalNumber(const std::optional<double>& value) {
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

std::optional<double> numberOrNothing(const QJsonValue& value) {
    return value.isDouble() ? std::optional(value.toDouble()) : std::nullopt;
}

/// True when the file is non-empty and its last byte is not a newline (a torn last write).
bool endsMidLine(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() == 0) return false;
    if (!file.seek(file.size() - 1)) return false;
    char last = '\n';
    return file.getChar(&last) && last != '\n';
}

}  // namespace

RunRecord recordFromReport(const RunReport& report) {
    RunRecord record;
    record.time = report.finishedAt.isValid() ? report.finishedAt : report.startedAt;
    record.gitRevision = report.gitRevision;
    record.target = report.target;
    record.images = report.images;
    if (report.probe && report.probe->overall.count() > 0) {
        const auto stats = report.probe->overallStats();
        record.p50Ms = stats.p50Ms;
        record.p95Ms = stats.p95Ms;
        record.p99Ms = stats.p99Ms;
    }
    if (report.verdict) {
        record.verdict = report.verdict->overall;
        record.reason = report.verdict->reason;
    }
    return record;
}

QJsonObject toJson(const RunRecord& record) {
    QJsonArray images;
    for (const auto& image : record.images)
        images.append(QJsonObject{{QStringLiteral("name"), image.name},
                                  {QStringLiteral("bytes"), image.bytes}});
    return {{QStringLiteral("schema"), QString::fromLatin1(kHistorySchema)},
            {QStringLiteral("time"), record.time.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("gitRevision"), record.gitRevision},
            {QStringLiteral("target"), record.target},
            {QStringLiteral("images"), images},
            {QStringLiteral("p50Ms"), optionalNumber(record.p50Ms)},
            {QStringLiteral("p95Ms"), optionalNumber(record.p95Ms)},
            {QStringLiteral("p99Ms"), optionalNumber(record.p99Ms)},
            {QStringLiteral("verdict"), checkStatusName(record.verdict)},
            {QStringLiteral("reason"), record.reason}};
}

std::optional<RunRecord> recordFromJson(const QJsonObject& object) {
    if (object.value(QStringLiteral("schema")).toString() != QLatin1String(kHistorySchema))
        return std::nullopt;
    RunRecord record;
    record.time =
        QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!record.time.isValid()) return std::nullopt;
    const auto verdict = checkStatusFromString(object.value(QStringLiteral("verdict")).toString());
    if (!verdict) return std::nullopt;
    record.verdict = *verdict;
    record.gitRevision = object.value(QStringLiteral("gitRevision")).toString();
    record.target = object.value(QStringLiteral("target")).toString();
    record.reason = object.value(QStringLiteral("reason")).toString();
    record.p50Ms = numberOrNothing(object.value(QStringLiteral("p50Ms")));
    record.p95Ms = numberOrNothing(object.value(QStringLiteral("p95Ms")));
    record.p99Ms = numberOrNothing(object.value(QStringLiteral("p99Ms")));
    for (const auto& value : object.value(QStringLiteral("images")).toArray()) {
        const auto image = value.toObject();
        record.images.append({image.value(QStringLiteral("name")).toString(),
                              image.value(QStringLiteral("bytes")).toInteger(-1)});
    }
    return record;
}

RunHistory::RunHistory(QString directory) : directory_(std::move(directory)) {}

QString RunHistory::filePath() const {
    return QDir(directory_).filePath(QString::fromLatin1(kFileName));
}

bool RunHistory::append(const RunRecord& record, QString* error) const {
    if (!QDir().mkpath(directory_)) {
        if (error) *error = QStringLiteral("cannot create %1").arg(directory_);
        return false;
    }
    QByteArray line = QJsonDocument(toJson(record)).toJson(QJsonDocument::Compact) + '\n';
    // A torn line from a crash must not swallow this record.
    if (endsMidLine(filePath())) line.prepend('\n');
    QFile file(filePath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    // One write on an O_APPEND descriptor: the line lands whole, after any concurrent writer's.
    if (file.write(line) != line.size() || !file.flush()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    return true;
}

RunHistory::Loaded RunHistory::load() const {
    Loaded loaded;
    QFile file(filePath());
    if (!file.exists()) return loaded;
    if (!file.open(QIODevice::ReadOnly)) {
        loaded.error = QStringLiteral("cannot read %1: %2").arg(filePath(), file.errorString());
        return loaded;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty()) continue;
        QJsonParseError parseError;
        const auto document = QJsonDocument::fromJson(line, &parseError);
        const auto record = document.isObject() ? recordFromJson(document.object()) : std::nullopt;
        if (record)
            loaded.runs.append(*record);
        else
            ++loaded.corruptLines;
    }
    return loaded;
}

}  // namespace helmdeck::core
