#include "core/ops/k8s_json.hpp"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>

namespace helmdeck::ops {

QJsonValue at(const QJsonObject& object, std::initializer_list<const char*> path) {
    QJsonValue value(object);
    for (const char* key : path) {
        if (!value.isObject()) return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(QLatin1String(key));
    }
    return value;
}

std::optional<double> memoryBytes(const QString& quantity) {
    static const QRegularExpression pattern(
        QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T|m)?$"));
    const QRegularExpressionMatch match = pattern.match(quantity.trimmed());
    if (!match.hasMatch()) return std::nullopt;
    const double number = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    double factor = 1;
    if (unit == QLatin1String("Ki")) factor = 1024.0;
    else if (unit == QLatin1String("Mi")) factor = 1024.0 * 1024;
    else if (unit == QLatin1String("Gi")) factor = 1024.0 * 1024 * 1024;
    else if (unit == QLatin1String("Ti")) factor = 1024.0 * 1024 * 1024 * 1024;
    else if (unit == QLatin1String("k") || unit == QLatin1String("K")) factor = 1e3;
    else if (unit == QLatin1String("M")) factor = 1e6;
    else if (unit == QLatin1String("G")) factor = 1e9;
    else if (unit == QLatin1String("T")) factor = 1e12;
    else if (unit == QLatin1String("m")) factor = 1e-3;
    return number * factor;
}

QString memoryQuantity(double bytes) {
    const double mi = bytes / (1024.0 * 1024);
    if (mi >= 1024 && std::fmod(mi, 1024) == 0) return QStringLiteral("%1Gi").arg(mi / 1024);
    if (mi >= 1) return QStringLiteral("%1Mi").arg(std::ceil(mi));
    return QStringLiteral("%1Ki").arg(std::ceil(bytes / 1024));
}

QJsonObject containerSpec(const QJsonObject& pod, const QString& container) {
    for (const char* list : {"containers", "initContainers"})
        for (const QJsonValue& value : arrayAt(pod, {"spec", list}))
            if (value.toObject().value(QStringLiteral("name")).toString() == container)
                return value.toObject();
    return {};
}

int resolvePort(const QJsonObject& container, const QJsonValue& port) {
    if (port.isDouble()) return port.toInt();
    const QString name = port.toString();
    bool numeric = false;
    const int number = name.toInt(&numeric);
    if (numeric) return number;
    for (const QJsonValue& value : container.value(QStringLiteral("ports")).toArray())
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject().value(QStringLiteral("containerPort")).toInt();
    return 0;
}

QString selectorText(const QJsonObject& selector) {
    QStringList pairs;
    for (auto it = selector.begin(); it != selector.end(); ++it)
        pairs << it.key() + QLatin1Char('=') + it.value().toString();
    pairs.sort();
    return pairs.join(QLatin1Char(','));
}

}  // namespace helmdeck::ops
