#pragma once
// The run history: one JSON object per line in <directory>/history.jsonl, appended per run.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

#include "core/run_report.hpp"
#include "core/verdict.hpp"

namespace helmdeck::core {

inline constexpr auto kHistorySchema = "helmdeck.history/v1";

/// What the trend charts need from one run.
struct RunRecord {
    QDateTime time;
    QString gitRevision;
    QString target;
    QList<ImageRecord> images;
    std::optional<double> p50Ms, p95Ms, p99Ms;
    CheckStatus verdict = CheckStatus::Unknown;
    QString reason;
};

/// The history line of a finished run (client-side percentiles; verdict Unknown when absent).
RunRecord recordFromReport(const RunReport& report);
QJsonObject toJson(const RunRecord& record);
/// Empty when the object is not a history record (a missing or invalid "time" is fatal).
std::optional<RunRecord> recordFromJson(const QJsonObject& object);

class RunHistory {
public:
    /// `directory` is created on the first append (the caller picks the app data dir).
    explicit RunHistory(QString directory);

    static constexpr auto kFileName = "history.jsonl";
    QString filePath() const;

    /// Appends one line with a single write and a flush, so a crash leaves at most one
    /// truncated last line, which load() skips; a later append starts on a fresh line.
    bool append(const RunRecord& record, QString* error = nullptr) const;

    struct Loaded {
        QList<RunRecord> runs;  ///< oldest first
        int corruptLines = 0;   ///< lines that were not a valid record, skipped
        QString error;          ///< set when the file exists but cannot be read
    };
    /// Every readable run; a missing file is an empty history, not an error.
    Loaded load() const;

private:
    QString directory_;
};

}  // namespace helmdeck::core
