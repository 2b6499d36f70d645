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
