#pragma once
// The Helmdeck profile (helmdeck.yaml): what to build, where to deploy, and the SLO budgets.

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <stdexcept>

namespace helmdeck::core {

/// One image to build with `docker build`.
struct ImageSpec {
    QString name;        ///< repository name, e.g. "todo-chatbot"
    QString dockerfile;  ///< absolute path (resolved against the profile's folder)
    QString context;     ///< absolute path of the build context
    QString tag = QStringLiteral("{git}");  ///< template: {git}, {version}, {timestamp}
    /// Chart values that take this image: `<valuesKey>.repository` and `<valuesKey>.tag`; empty
    /// means `image` for the first image and nothing for the others.
    QString valuesKey;

    bool operator==(const ImageSpec&) const = default;
};

/// The Helm release the cluster target installs.
struct ReleaseSpec {
    QString name = QStringLiteral("todo-chatbot");
    QString namespace_ = QStringLiteral("helmdeck");
    QString chart;               ///< absolute path of a chart folder, or a chart reference
    QStringList valuesFiles;     ///< absolute paths, applied in order
    QMap<QString, QString> set;  ///< `--set key=value` overrides

    bool operator==(const ReleaseSpec&) const = default;
};

enum class ImageLoader { Auto, Minikube, Kind, Containerd, None };
enum class EndpointKind { PortForward, NodePort, Url };
enum class Target { Local, Docker, Cluster };

struct ClusterSpec {
    QString context;  ///< kube context; empty means the current one
    ImageLoader imageLoader = ImageLoader::Auto;
    EndpointKind endpoint = EndpointKind::PortForward;
    QString url;  ///< used when endpoint is Url

    bool operator==(const ClusterSpec&) const = default;
};

struct SloSpec {
    double latencyP95Ms = 2000;
    double imageSizeMb = 500;

    bool operator==(const SloSpec&) const = default;
};

struct ProbeSpec {
    double rateHz = 10;
    double durationS = 10;
    int timeoutMs = 2000;
    QStringList paths{QStringLiteral("/api/health")};
    bool chat = true;  ///< also probe a chat round-trip
    QString chatUser = QStringLiteral("helmdeck-probe");

    bool operator==(const ProbeSpec&) const = default;
};

/// The Ops assistant's LLM: an OpenAI-compatible Chat Completions endpoint with tools.
struct OpsLlmSpec {
    QString baseUrl;    ///< e.g. http://127.0.0.1:11434/v1; empty: no LLM, the built-in parser
    QString model;
    QString apiKeyEnv;  ///< the environment variable holding the API key; empty: none sent

    bool enabled() const { return !baseUrl.isEmpty(); }
    bool operator==(const OpsLlmSpec&) const = default;
};

struct OpsSpec {
    bool readOnly = false;  ///< refuse every action that changes the cluster
    OpsLlmSpec llm;

    bool operator==(const OpsSpec&) const = default;
};

struct Profile {
    QString sourcePath;  ///< absolute path of the file it was read from; empty for the default
    QList<ImageSpec> images;
    ReleaseSpec release;
    ClusterSpec cluster;
    SloSpec slo;
    ProbeSpec probe;
    OpsSpec ops;
    Target target = Target::Local;
};

/// A profile that cannot be used. what() is "file:line:col: key.path: message".
class ProfileError : public std::runtime_error {
public:
    ProfileError(QString file, int line, int column, QString keyPath, QString message);

    const QString& file() const { return file_; }
    int line() const { return line_; }      ///< 1-based; 0 when unknown
    int column() const { return column_; }  ///< 1-based; 0 when unknown
    const QString& keyPath() const { return keyPath_; }
    const QString& message() const { return message_; }
    QString toString() const { return QString::fromStdString(what()); }

private:
    QString file_;
    int line_;
    int column_;
    QString keyPath_;
    QString message_;
};

/// Reads and validates a profile. Relative paths resolve against the file's folder.
/// @throws ProfileError on a missing file, bad YAML, an unknown key, a bad type or value.
Profile loadProfile(const QString& path);

/// The built-in profile used when no helmdeck.yaml exists: target local, default budgets.
Profile defaultProfile();

/// The profile spelling of each enum ("minikube", "port-forward", "cluster"). Not toString():
/// that name would hijack QTest's QCOMPARE printing through ADL.
QString nameOf(ImageLoader loader);
QString nameOf(EndpointKind endpoint);
QString nameOf(Target target);
/// Parses "local" | "docker" | "cluster"; false when unknown.
bool parseTarget(const QString& text, Target* target);

}  // namespace helmdeck::core
