#pragma once
// Version outputs of docker, helm, kubectl, minikube and kind → a version string.

#include <QByteArray>
#include <QString>

namespace helmdeck::core {

/// `docker version --format '{{.Client.Version}}'` → "28.2.2" (empty if unrecognised).
QString parseDockerVersion(const QString& output);
/// `helm version --short` ("v3.18.6+g1234abc") → "v3.18.6".
QString parseHelmVersion(const QString& output);
/// `minikube version --short` ("v1.33.1") or `minikube version` → "v1.33.1".
QString parseMinikubeVersion(const QString& output);
/// `kind version` ("kind v0.23.0 go1.21.10 linux/amd64") → "v0.23.0".
QString parseKindVersion(const QString& output);
/// `ctr --version` ("ctr github.com/containerd/containerd 1.6.20~ds1") → "1.6.20~ds1".
QString parseCtrVersion(const QString& output);

struct KubectlVersion {
    QString client;  ///< clientVersion.gitVersion, e.g. "v1.32.4"
    QString server;  ///< serverVersion.gitVersion; empty when the server was not reached
};
/// `kubectl version [--client] -o json`. Only the JSON object is read: kubectl may print
/// warnings or a connection error after it.
KubectlVersion parseKubectlVersion(const QByteArray& output);

}  // namespace helmdeck::core
