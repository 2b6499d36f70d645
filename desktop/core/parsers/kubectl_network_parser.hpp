#pragma once
// `kubectl get service|nodes -o json` → the first port of each Service, the nodes' addresses.

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace helmdeck::core {

struct ServiceInfo {
    QString name;
    int port = 0;      ///< the first port's `port`
    int nodePort = 0;  ///< the first port's `nodePort`, 0 when none
    QString component;  ///< its app.kubernetes.io/component label ("api", "web"), if any
};

struct NodeInfo {
    QString name;
    QString internalIp;  ///< the InternalIP address, empty when none
};

/// Accepts a List or a single Service.
std::optional<QList<ServiceInfo>> parseKubectlServices(const QByteArray& json,
                                                       QString* error = nullptr);
/// Accepts a List or a single Node.
std::optional<QList<NodeInfo>> parseKubectlNodes(const QByteArray& json, QString* error = nullptr);

}  // namespace helmdeck::core
