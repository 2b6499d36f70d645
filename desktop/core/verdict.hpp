#pragma once
// The SLO verdict: measured latency, probe errors and image sizes against their budgets.

#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace helmdeck::core {

enum class CheckStatus { Pass, Fail, Unknown };

/// "pass", "fail" or "unknown" (the spelling used in reports and history).
QString checkStatusName(CheckStatus status);
std::optional<CheckStatus> checkStatusFromString(const QString& text);

struct SloBudgets {
    double latencyP95Ms = 2000;
    double imageSizeMb = 500;  ///< decimal megabytes (1 MB = 1,000,000 bytes), as docker shows
    /// Largest tolerated share of failed probe requests, in percent. 0 means none may fail.
    double probeErrorPercent = 0;
};

struct VerdictInput {
    std::optional<double> latencyP95Ms;  ///< empty when the probe did not run or nothing answered
    /// Probe requests and failures; the errors check is left out when `probeRequests` is empty.
    std::optional<quint64> probeRequests;
    quint64 probeErrors = 0;
    QMap<QString, qint64> imageBytes;  ///< image reference → size; a negative size is unknown
    SloBudgets budgets;
};

struct VerdictCheck {
    QString name;  ///< "latency p95", "probe errors", "image todo-chatbot:abc"
    std::optional<double> measured;
    double budget = 0;
    QString unit;  ///< "ms", "%", "MB"
    CheckStatus status = CheckStatus::Unknown;
    QString reason;  ///< one line, e.g. "latency p95 2300 ms exceeds the 2000 ms budget"
};

struct Verdict {
    QList<VerdictCheck> checks;
    /// Fail if any check fails, else Unknown if any is unknown or there are none, else Pass.
    CheckStatus overall = CheckStatus::Unknown;
    /// The breaches joined by "; ", or what is unknown, or "all N budgets met".
    QString reason;
};

Verdict evaluateVerdict(const VerdictInput& input);

/// A number as the reports show it: whole above 100, else up to two decimals, no trailing 0s.
QString formatMeasure(double value);

}  // namespace helmdeck::core
