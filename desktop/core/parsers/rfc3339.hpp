#pragma once
// Timestamps as Go tools print them (RFC 3339 with up to nanoseconds, "Z" or an offset).

#include <QDateTime>
#include <QString>

namespace helmdeck::core {

/// Parses "2024-05-10T12:34:56.123456789+02:00" and friends; invalid QDateTime on failure.
QDateTime parseRfc3339(const QString& text);

/// kubectl-style age: "45s", "12m", "3h5m", "2d4h".
QString formatAge(qint64 seconds);

}  // namespace helmdeck::core
