#pragma once
// Small readers for Kubernetes JSON objects, shared by the analyzers (quantities: core's).

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <initializer_list>
#include <optional>

#include "core/parsers/k8s_quantity.hpp"

namespace helmdeck::ops {

/// The value at a path of keys ({"metadata", "name"}); undefined when a step is missing.
QJsonValue at(const QJsonObject& object, std::initializer_list<const char*> path);
inline QString textAt(const QJsonObject& object, std::initializer_list<const char*> path) {
    return at(object, path).toString();
}
inline QJsonObject objectAt(const QJsonObject& object, std::initializer_list<const char*> path) {
    return at(object, path).toObject();
}
inline QJsonArray arrayAt(const QJsonObject& object, std::initializer_list<const char*> path) {
    return at(object, path).toArray();
}
inline QString nameOfObject(const QJsonObject& object) { return textAt(object, {"metadata", "name"}); }

using core::memoryBytes;
using core::memoryQuantity;

/// The container spec of `pod` named `container`.
QJsonObject containerSpec(const QJsonObject& pod, const QString& container);
/// A probe's port (a number or a container port's name) as a number, 0 when unknown.
int resolvePort(const QJsonObject& container, const QJsonValue& port);

/// "key=value,key=value" of a label map, sorted by key.
QString selectorText(const QJsonObject& selector);

}  // namespace helmdeck::ops
