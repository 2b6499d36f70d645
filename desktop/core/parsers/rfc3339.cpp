#include "core/parsers/rfc3339.hpp"

#include <QRegularExpression>

namespace helmdeck::core {

QDateTime parseRfc3339(const QString& text) {
    // Qt's ISO parser stops at milliseconds; Go prints up to nine fraction digits.
    static const QRegularExpression shape(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}[T "
                       "]\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d+))?\\s*(Z|[+-]\\d{2}:?\\d{2})?"));
    const auto m = shape.match(text.trimmed());
    if (!m.hasMatch()) return {};
    QString normalized = m.captured(1);
    normalized[10] = QLatin1Char('T');
    const QString fraction = m.captured(2);
    normalized += QLatin1Char('.') + (fraction + QStringLiteral("000")).left(3);
    QString zone = m.captured(3);
    if (zone.isEmpty() || zone == QLatin1String("Z"))
        zone = QStringLiteral("Z");
    else if (zone.size() == 5)
        zone.insert(3, QLatin1Char(':'));
    return QDateTime::fromString(normalized + zone, Qt::ISODateWithMs).toUTC();
}

QString formatAge(qint64 seconds) {
    // Mirrors kubectl's duration.HumanDuration for the ranges a pod lives in.
    if (seconds < 0) seconds = 0;
    const qint64 minutes = seconds / 60, hours = minutes / 60, days = hours / 24;
    auto pair = [](qint64 major, const char* a, qint64 minor, const char* b) {
        return minor == 0 ? QStringLiteral("%1%2").arg(major).arg(QLatin1String(a))
                          : QStringLiteral("%1%2%3%4")
                                .arg(major)
                                .arg(QLatin1String(a))
                                .arg(minor)
                                .arg(QLatin1String(b));
    };
    if (seconds < 120) return QStringLiteral("%1s").arg(seconds);
    if (minutes < 10) return pair(minutes, "m", seconds % 60, "s");
    if (hours < 3) return QStringLiteral("%1m").arg(minutes);
    if (hours < 8) return pair(hours, "h", minutes % 60, "m");
    if (hours < 48) return QStringLiteral("%1h").arg(hours);
    if (days < 8) return pair(days, "d", hours % 24, "h");
    if (days < 365 * 2) return QStringLiteral("%1d").arg(days);
    return QStringLiteral("%1y").arg(days / 365);
}

}  // namespace helmdeck::core
