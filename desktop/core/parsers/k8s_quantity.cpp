#include "core/parsers/k8s_quantity.hpp"

#include <QRegularExpression>
#include <cmath>

namespace helmdeck::core {

namespace {

// Kubernetes suffixes: binary (Ki…Ei), decimal (k…E) and the small ones metrics.k8s.io
// writes CPU in (n, u, m).
std::optional<double> suffixFactor(const QString& unit) {
    static const struct { const char* suffix; double factor; } table[] = {
        {"", 1},         {"n", 1e-9},     {"u", 1e-6},     {"m", 1e-3},     {"k", 1e3},      {"K", 1e3},
        {"M", 1e6},      {"G", 1e9},      {"T", 1e12},     {"P", 1e15},
        {"E", 1e18},     {"Ki", 1024.0},  {"Mi", 1048576.0}, {"Gi", 1073741824.0},
        {"Ti", 1099511627776.0}, {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
    };
    for (const auto& entry : table)
        if (unit == QLatin1String(entry.suffix)) return entry.factor;
    return std::nullopt;
}

std::optional<double> quantityValue(const QString& quantity) {
    static const QRegularExpression pattern(
        QStringLiteral("^([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE]([+-]?[0-9]+)|([KMGTPE]i|[numkKMGTPE]))?$"));
    const QRegularExpressionMatch match = pattern.match(quantity.trimmed());
    if (!match.hasMatch()) return std::nullopt;
    const double number = match.captured(1).toDouble();
    if (!match.captured(2).isEmpty()) return number * std::pow(10.0, match.captured(2).toInt());
    const auto factor = suffixFactor(match.captured(3));
    if (!factor) return std::nullopt;
    return number * *factor;
}

}  // namespace

std::optional<double> memoryBytes(const QString& quantity) {
    return quantityValue(quantity);
}

QString memoryQuantity(double bytes) {
    const double mi = bytes / (1024.0 * 1024);
    if (mi >= 1024 && std::fmod(mi, 1024) == 0) return QStringLiteral("%1Gi").arg(mi / 1024);
    if (mi >= 1) return QStringLiteral("%1Mi").arg(std::ceil(mi));
    return QStringLiteral("%1Ki").arg(std::ceil(bytes / 1024));
}

std::optional<double> cpuMillicores(const QString& quantity) {
    const auto cores = quantityValue(quantity);
    if (!cores) return std::nullopt;
    return *cores * 1000.0;
}

QString memoryText(double bytes) {
    if (bytes >= 1073741824.0) return QStringLiteral("%1 GiB").arg(bytes / 1073741824.0, 0, 'f', 1);
    if (bytes >= 1048576.0) return QStringLiteral("%1 MiB").arg(bytes / 1048576.0, 0, 'f', 1);
    return QStringLiteral("%1 KiB").arg(std::ceil(bytes / 1024.0));
}

QString cpuText(double millicores) {
    if (millicores >= 1000) return QString::number(millicores / 1000.0, 'g', 3);
    if (millicores > 0 && millicores < 1) return QStringLiteral("<1m");
    return QStringLiteral("%1m").arg(std::round(millicores));
}

}  // namespace helmdeck::core
