#include "core/parsers/kubectl_network_parser.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace helmdeck::core {

namespace {

// The objects of a List, or the object itself; nullopt (with `error`) when not JSON.
std::optional<QJsonArray> itemsOf(const QByteArray& json, const QString& kind, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("expected a JSON object");
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("kind")).toString() == kind) return QJsonArray{root};
    if (!root.value(QStringLiteral("items")).isArray()) {
        if (error) *error = QStringLiteral("no items in the %1 list").arg(kind);
        return std::nullopt;
    }
    return root.value(QStringLiteral("items")).toArray();
}

QString nameOf(const QJsonObject& object) {
    return object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
}

}  // namespace

std::optional<QList<ServiceInfo>> parseKubectlServices(const QByteArray& json, QString* error) {
    const auto items = itemsOf(json, QStringLiteral("Service"), error);
    if (!items) return std::nullopt;
    QList<ServiceInfo> services;
    for (const auto& item : *items) {
        const QJsonObject service = item.toObject();
        const QJsonObject port = service.value(QStringLiteral("spec"))
                                     .toObject()
                                     .value(QStringLiteral("ports"))
                                     .toArray()
                                     .first()
                                     .toObject();
        services.append({nameOf(service), port.value(QStringLiteral("port")).toInt(80),
                         port.value(QStringLiteral("nodePort")).toInt(),
                         service.value(QStringLiteral("metadata"))
                             .toObject()
                             .value(QStringLiteral("labels"))
                             .toObject()
                             .value(QStringLiteral("app.kubernetes.io/component"))
                             .toString()});
    }
    return services;
}

std::optional<QList<NodeInfo>> parseKubectlNodes(const QByteArray& json, QString* error) {
    const auto items = itemsOf(json, QStringLiteral("Node"), error);
    if (!items) return std::nullopt;
    QList<NodeInfo> nodes;
    for (const auto& item : *items) {
        const QJsonObject node = item.toObject();
        NodeInfo info{nameOf(node), {}};
        const QJsonArray addresses = node.value(QStringLiteral("status"))
                                         .toObject()
                                         .value(QStringLiteral("addresses"))
                                         .toArray();
        for (const auto& entry : addresses)
            if (entry.toObject().value(QStringLiteral("type")).toString() ==
                QLatin1String("InternalIP"))
                info.internalIp = entry.toObject().value(QStringLiteral("address")).toString();
        nodes.append(info);
    }
    return nodes;
}

}  // namespace helmdeck::core
