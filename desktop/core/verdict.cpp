#include "core/verdict.hpp"

#include <cmath>

namespace helmdeck::core {
namespace {

VerdictCheck makeCheck(const QString& name, std::optional<double> measured, double budget,
                       const QString& unit) {
    VerdictCheck check{name, measured, budget, unit, CheckStatus::Unknown, {}};
    const QString budgetText = formatMeasure(budget) + QLatin1Char(' ') + unit;
    if (!measured || std::isnan(*measured)) {
        check.measured.reset();
        check.reason = name + QStringLiteral(" was not measured");
    } else if (*measured > budget) {
        check.status = CheckStatus::Fail;
        check.reason = QStringLiteral("%1 %2 %3 exceeds the %4 budget")
                           .arg(name, formatMeasure(*measured), unit, budgetText);
    } else {
        check.status = CheckStatus::Pass;
        check.reason = QStringLiteral("%1 %2 %3 is within the %4 budget")
                           .arg(name, formatMeasure(*measured), unit, budgetText);
    }
    return check;
}

}  // namespace

QString checkStatusName(CheckStatus status) {
    switch (status) {
        case CheckStatus::Pass:
            return QStringLiteral("pass");
        case CheckStatus::Fail:
            return QStringLiteral("fail");
        case CheckStatus::Unknown:
            break;
    }
    return QStringLiteral("unknown");
}

std::optional<CheckStatus> checkStatusFromString(const QString& text) {
    if (text == QLatin1String("pass")) return CheckStatus::Pass;
    if (text == QLatin1String("fail")) return CheckStatus::Fail;
    if (text == QLatin1String("unknown")) return CheckStatus::Unknown;
    return std::nullopt;
}

QString formatMeasure(double value) {
    if (std::abs(value) >= 100) return QString::number(std::llround(value));
    QString text = QString::number(value, 'f', 2);
    while (text.contains(QLatin1Char('.')) &&
           (text.endsWith(QLatin1Char('0')) || text.endsWith(QLatin1Char('.'))))
        text.chop(1);
    return text;
}

Verdict evaluateVerdict(const VerdictInput& input) {
    Verdict verdict;
    verdict.checks.append(makeCheck(QStringLiteral("latency p95"), input.latencyP95Ms,
                                    input.budgets.latencyP95Ms, QStringLiteral("ms")));
    if (input.probeRequests) {
        std::optional<double> percent;
        if (*input.probeRequests > 0)
            percent = 100.0 * double(input.probeErrors) / double(*input.probeRequests);
        verdict.checks.append(makeCheck(QStringLiteral("probe errors"), percent,
                                        input.budgets.probeErrorPercent, QStringLiteral("%")));
    }
    for (auto it = input.imageBytes.cbegin(); it != input.imageBytes.cend(); ++it) {
        std::optional<double> megabytes;
        if (it.value() >= 0) megabytes = double(it.value()) / 1e6;
        verdict.checks.append(makeCheck(QStringLiteral("image ") + it.key(), megabytes,
                                        input.budgets.imageSizeMb, QStringLiteral("MB")));
    }

    QStringList failed;
    QStringList unknown;
    for (const auto& check : verdict.checks) {
        if (check.status == CheckStatus::Fail) failed.append(check.reason);
        if (check.status == CheckStatus::Unknown) unknown.append(check.reason);
    }
    if (!failed.isEmpty()) {
        verdict.overall = CheckStatus::Fail;
        verdict.reason = failed.join(QStringLiteral("; "));
    } else if (!unknown.isEmpty()) {
        verdict.overall = CheckStatus::Unknown;
        verdict.reason = unknown.join(QStringLiteral("; "));
    } else {
        verdict.overall = CheckStatus::Pass;
        verdict.reason = QStringLiteral("all %1 budgets met").arg(verdict.checks.size());
    }
    return verdict;
}

}  // namespace helmdeck::core
