#include "core/ops/ops_queries.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>

#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

namespace {

QString leafText(const QJsonValue& value) {
    if (value.isString()) return value.toString();
    if (value.isNull()) return QStringLiteral("null");
    if (value.isBool()) return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) return QString::number(value.toDouble(), 'g', 15);
    if (value.isArray()) return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

void flatten(const QJsonObject& object, const QString& prefix, QMap<QString, QString>* out) {
    if (object.isEmpty() && !prefix.isEmpty()) out->insert(prefix, QStringLiteral("{}"));
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it.value().isObject())
            flatten(it.value().toObject(), key, out);
        else
            out->insert(key, leafText(it.value()));
    }
}

}  // namespace

QList<PodUsage> parseTopPods(const QString& output) {
    QList<PodUsage> rows;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        const QStringList columns = line.trimmed().split(space, Qt::SkipEmptyParts);
        if (columns.size() < 3 || columns.first() == QLatin1String("NAME")) continue;
        PodUsage usage{columns.at(0), columns.at(1), columns.at(2), memoryBytes(columns.at(2)).value_or(0)};
        rows << usage;
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const PodUsage& a, const PodUsage& b) { return a.memoryBytes > b.memoryBytes; });
    return rows;
}

QStringList diffValues(const QJsonObject& before, const QJsonObject& after) {
    QMap<QString, QString> old;
    QMap<QString, QString> now;
    flatten(before, {}, &old);
    flatten(after, {}, &now);
    QStringList keys = old.keys() + now.keys();
    keys.removeDuplicates();
    keys.sort();
    QStringList lines;
    for (const QString& key : keys) {
        const bool inOld = old.contains(key);
        const bool inNew = now.contains(key);
        if (inOld && inNew && old.value(key) != now.value(key))
            lines << QStringLiteral("~ %1: %2 → %3").arg(key, old.value(key), now.value(key));
        else if (!inOld)
            lines << QStringLiteral("+ %1: %2").arg(key, now.value(key));
        else if (!inNew)
            lines << QStringLiteral("- %1: %2").arg(key, old.value(key));
    }
    return lines;
}

}  // namespace helmdeck::ops
