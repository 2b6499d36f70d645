#include "core/parsers/helm_parser.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/parsers/rfc3339.hpp"

namespace helmdeck::core {

namespace {

QJsonDocument parseJson(const QByteArray& json, const char* what, QString* error) {
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError && error)
        *error = QStringLiteral("%1: invalid JSON: %2")
                     .arg(QLatin1String(what), parseError.errorString());
    return parseError.error == QJsonParseError::NoError ? document : QJsonDocument();
}

}  // namespace

std::optional<HelmRelease> parseHelmStatus(const QByteArray& json, QString* error) {
    const QJsonDocument document = parseJson(json, "helm status", error);
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(QLatin1String("name")).isString()) {
        if (error && !document.isNull()) *error = QStringLiteral("helm status: no release name");
        return std::nullopt;
    }
    const QJsonObject info = root.value(QLatin1String("info")).toObject();
    const QJsonObject metadata =
        root.value(QLatin1String("chart")).toObject().value(QLatin1String("metadata")).toObject();

    HelmRelease release;
    release.name = root.value(QLatin1String("name")).toString();
    release.namespace_ = root.value(QLatin1String("namespace")).toString();
    release.revision = root.value(QLatin1String("version")).toInt();
    release.status = info.value(QLatin1String("status")).toString();
    release.description = info.value(QLatin1String("description")).toString();
    release.notes = info.value(QLatin1String("notes")).toString();
    release.firstDeployed = parseRfc3339(info.value(QLatin1String("first_deployed")).toString());
    release.lastDeployed = parseRfc3339(info.value(QLatin1String("last_deployed")).toString());
    release.chartName = metadata.value(QLatin1String("name")).toString();
    release.chartVersion = metadata.value(QLatin1String("version")).toString();
    release.appVersion = metadata.value(QLatin1String("appVersion")).toString();
    return release;
}

std::optional<QList<HelmRevision>> parseHelmHistory(const QByteArray& json, QString* error) {
    const QJsonDocument document = parseJson(json, "helm history", error);
    if (!document.isArray()) {
        if (error && !document.isNull())
            *error = QStringLiteral("helm history: expected a JSON array");
        return std::nullopt;
    }
    QList<HelmRevision> revisions;
    for (const QJsonValue& value : document.array()) {
        const QJsonObject object = value.toObject();
        HelmRevision revision;
        revision.revision = object.value(QLatin1String("revision")).toInt();
        revision.updated = parseRfc3339(object.value(QLatin1String("updated")).toString());
        revision.status = object.value(QLatin1String("status")).toString();
        revision.chart = object.value(QLatin1String("chart")).toString();
        revision.appVersion = object.value(QLatin1String("app_version")).toString();
        revision.description = object.value(QLatin1String("description")).toString();
        revisions << revision;
    }
    return revisions;
}

std::optional<int> rollbackTarget(const QList<HelmRevision>& history) {
    if (history.size() < 2) return std::nullopt;
    const int current = history.last().revision;
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        if (it->revision >= current) continue;
        if (it->status == QLatin1String("superseded") || it->status == QLatin1String("deployed"))
            return it->revision;
    }
    return std::nullopt;
}

}  // namespace helmdeck::core
