#include "core/parsers/docker_image_parser.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "core/parsers/rfc3339.hpp"

namespace helmdeck::core {

namespace {

template <typename T>
std::optional<T> failWith(QString* error, const QString& message) {
    if (error) *error = message;
    return std::nullopt;
}

QStringList toStringList(const QJsonValue& value) {
    QStringList list;
    for (const QJsonValue& item : value.toArray()) list << item.toString();
    return list;
}

}  // namespace

qint64 parseDockerSize(const QString& text) {
    static const QRegularExpression shape(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*([kKMGTP]?i?B)?\\s*$"));
    const auto m = shape.match(text);
    if (!m.hasMatch()) return -1;
    const double number = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    if (unit.isEmpty() || unit == QLatin1String("B")) return qint64(number);
    const bool binary = unit.contains(QLatin1Char('i'));
    const double base = binary ? 1024.0 : 1000.0;
    const int power = QStringLiteral("KMGTP").indexOf(unit.at(0).toUpper()) + 1;
    double bytes = number;
    for (int i = 0; i < power; ++i) bytes *= base;
    return qint64(bytes + 0.5);
}

QString summarizeLayerCommand(const QString& createdBy) {
    QString command = createdBy.trimmed();
    if (command.endsWith(QLatin1String(" # buildkit"))) command.chop(int(qstrlen(" # buildkit")));
    static const QRegularExpression nop(QStringLiteral("^/bin/sh -c #\\(nop\\)\\s+"));
    static const QRegularExpression shell(QStringLiteral("^(RUN )?/bin/sh -c "));
    if (command.contains(nop)) return command.remove(nop).trimmed();
    if (command.contains(shell)) return QStringLiteral("RUN ") + command.remove(shell).trimmed();
    return command;
}

std::optional<ImageInfo> parseDockerImageInspect(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failWith<ImageInfo>(
            error,
            QStringLiteral("docker image inspect: invalid JSON: %1").arg(parseError.errorString()));
    QJsonObject image;
    if (document.isArray()) {
        if (document.array().isEmpty())
            return failWith<ImageInfo>(error, QStringLiteral("docker image inspect: no image"));
        image = document.array().first().toObject();
    } else {
        image = document.object();
    }
    if (!image.contains(QLatin1String("Id")) || !image.value(QLatin1String("Size")).isDouble())
        return failWith<ImageInfo>(error, QStringLiteral("docker image inspect: no Id or Size"));

    ImageInfo info;
    info.id = image.value(QLatin1String("Id")).toString();
    info.sizeBytes = qint64(image.value(QLatin1String("Size")).toDouble());
    info.created = parseRfc3339(image.value(QLatin1String("Created")).toString());
    info.repoTags = toStringList(image.value(QLatin1String("RepoTags")));
    info.layerDigests = toStringList(
        image.value(QLatin1String("RootFS")).toObject().value(QLatin1String("Layers")));
    info.architecture = image.value(QLatin1String("Architecture")).toString();
    info.os = image.value(QLatin1String("Os")).toString();
    return info;
}

std::optional<QList<ImageLayer>> parseDockerHistory(const QByteArray& jsonLines, QString* error) {
    QList<ImageLayer> layers;
    int lineNumber = 0;
    for (const QByteArray& rawLine : jsonLines.split('\n')) {
        ++lineNumber;
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty()) continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return failWith<QList<ImageLayer>>(
                error,
                QStringLiteral("docker history: line %1 is not a JSON object").arg(lineNumber));
        const QJsonObject object = document.object();
        ImageLayer layer;
        layer.id = object.value(QLatin1String("ID")).toString();
        layer.createdBy = object.value(QLatin1String("CreatedBy")).toString();
        layer.created = parseRfc3339(object.value(QLatin1String("CreatedAt")).toString());
        layer.comment = object.value(QLatin1String("Comment")).toString();
        const QJsonValue size = object.value(QLatin1String("Size"));
        layer.sizeBytes =
            size.isDouble() ? qint64(size.toDouble()) : parseDockerSize(size.toString());
        if (layer.sizeBytes < 0)
            return failWith<QList<ImageLayer>>(
                error, QStringLiteral("docker history: line %1: bad size \"%2\"")
                           .arg(lineNumber)
                           .arg(size.toString()));
        layers << layer;
    }
    return layers;
}

}  // namespace helmdeck::core
