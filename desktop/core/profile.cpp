#include "core/profile.hpp"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <initializer_list>
#include <utility>

namespace helmdeck::core {

namespace {

QString formatError(const QString& file, int line, int column, const QString& keyPath,
                    const QString& message) {
    QString text = file;
    if (line > 0) text += QStringLiteral(":%1:%2").arg(line).arg(column);
    text += QStringLiteral(": ");
    if (!keyPath.isEmpty()) text += keyPath + QStringLiteral(": ");
    return text + message;
}

QString join(const QString& parent, const QString& key) {
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

// Reads one YAML document into a Profile, failing on the first problem with its position.
class ProfileReader {
public:
    ProfileReader(QString displayName, QDir baseDir)
        : displayName_(std::move(displayName)), baseDir_(std::move(baseDir)) {}

    [[noreturn]] void fail(const YAML::Node& node, const QString& keyPath,
                           const QString& message) const {
        const YAML::Mark mark = node.Mark();
        const bool known = mark.line >= 0 && mark.column >= 0 && !mark.is_null();
        throw ProfileError(displayName_, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0,
                           keyPath, message);
    }

    static QString describe(const YAML::Node& node) {
        switch (node.Type()) {
            case YAML::NodeType::Map:
                return QStringLiteral("a map");
            case YAML::NodeType::Sequence:
                return QStringLiteral("a list");
            case YAML::NodeType::Null:
                return QStringLiteral("nothing");
            case YAML::NodeType::Scalar:
                return QLatin1Char('"') + QString::fromStdString(node.Scalar()) + QLatin1Char('"');
            default:
                return QStringLiteral("an undefined value");
        }
    }

    // Checks that `node` is a map whose keys are all in `allowed` (typos must not pass).
    void expectMap(const YAML::Node& node, const QString& keyPath,
                   std::initializer_list<const char*> allowed) const {
        if (!node.IsMap())
            fail(node, keyPath, QStringLiteral("expected a map, got %1").arg(describe(node)));
        QSet<QString> known;
        for (const char* key : allowed) known.insert(QString::fromLatin1(key));
        QSet<QString> seen;
        for (const auto& entry : node) {
            const YAML::Node& keyNode = entry.first;
            const QString key =
                keyNode.IsScalar() ? QString::fromStdString(keyNode.Scalar()) : QString();
            if (!known.contains(key)) {
                QStringList names(known.begin(), known.end());
                names.sort();
                fail(keyNode, join(keyPath, key),
                     QStringLiteral("unknown key (expected one of: %1)")
                         .arg(names.join(QStringLiteral(", "))));
            }
            if (seen.contains(key))
                fail(keyNode, join(keyPath, key), QStringLiteral("duplicate key"));
            seen.insert(key);
        }
    }

    QString string(const YAML::Node& node, const QString& keyPath) const {
        if (!node.IsScalar())
            fail(node, keyPath, QStringLiteral("expected a string, got %1").arg(describe(node)));
        return QString::fromStdString(node.Scalar());
    }

    QString nonEmptyString(const YAML::Node& node, const QString& keyPath) const {
        QString value = string(node, keyPath).trimmed();
        if (value.isEmpty()) fail(node, keyPath, QStringLiteral("must not be empty"));
        return value;
    }

    double number(const YAML::Node& node, const QString& keyPath, double minimum,
                  bool allowMinimum) const {
        double value = 0;
        if (!node.IsScalar() || !YAML::convert<double>::decode(node, value))
            fail(node, keyPath, QStringLiteral("expected a number, got %1").arg(describe(node)));
        if (value < minimum || (!allowMinimum && value == minimum) || value != value)
            fail(
                node, keyPath,
                QStringLiteral("must be %1 %2, got %3")
                    .arg(allowMinimum ? QStringLiteral("at least") : QStringLiteral("greater than"))
                    .arg(minimum)
                    .arg(describe(node)));
        return value;
    }

    bool boolean(const YAML::Node& node, const QString& keyPath) const {
        bool value = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
            fail(node, keyPath,
                 QStringLiteral("expected true or false, got %1").arg(describe(node)));
        return value;
    }

    template <typename Enum>
    Enum choice(const YAML::Node& node, const QString& keyPath,
                std::initializer_list<std::pair<const char*, Enum>> options) const {
        const QString value = string(node, keyPath);
        QStringList names;
        for (const auto& [name, option] : options) {
            if (value == QLatin1String(name)) return option;
            names << QString::fromLatin1(name);
        }
        fail(node, keyPath,
             QStringLiteral("expected one of %1, got %2")
                 .arg(names.join(QStringLiteral("|")), describe(node)));
    }

    QStringList stringList(const YAML::Node& node, const QString& keyPath) const {
        if (!node.IsSequence())
            fail(node, keyPath, QStringLiteral("expected a list, got %1").arg(describe(node)));
        QStringList values;
        for (std::size_t i = 0; i < node.size(); ++i)
            values << nonEmptyString(node[i], keyPath + QStringLiteral("[%1]").arg(i));
        return values;
    }

    // A path in the profile is relative to the profile's own folder.
    QString path(const YAML::Node& node, const QString& keyPath) const {
        return QDir::cleanPath(baseDir_.absoluteFilePath(nonEmptyString(node, keyPath)));
    }

    ImageSpec image(const YAML::Node& node, const QString& keyPath) const {
        expectMap(node, keyPath, {"name", "dockerfile", "context", "tag", "valuesKey"});
        ImageSpec image;
        if (!node["name"])
            fail(node, join(keyPath, QStringLiteral("name")), QStringLiteral("is required"));
        image.name = nonEmptyString(node["name"], join(keyPath, QStringLiteral("name")));
        static const QRegularExpression repository(QStringLiteral("^[a-z0-9]+([._/-][a-z0-9]+)*$"));
        if (!repository.match(image.name).hasMatch())
            fail(node["name"], join(keyPath, QStringLiteral("name")),
                 QStringLiteral(
                     "not a valid image repository name (lowercase letters, digits, . _ - /)"));
        image.context = node["context"]
                            ? path(node["context"], join(keyPath, QStringLiteral("context")))
                            : QDir::cleanPath(baseDir_.absolutePath());
        image.dockerfile =
            node["dockerfile"]
                ? path(node["dockerfile"], join(keyPath, QStringLiteral("dockerfile")))
                : QDir(image.context).absoluteFilePath(QStringLiteral("Dockerfile"));
        if (node["tag"]) {
            image.tag = nonEmptyString(node["tag"], join(keyPath, QStringLiteral("tag")));
            static const QRegularExpression tag(
                QStringLiteral("^([A-Za-z0-9_.-]|\\{(git|version|timestamp)\\})+$"));
            if (!tag.match(image.tag).hasMatch())
                fail(node["tag"], join(keyPath, QStringLiteral("tag")),
                     QStringLiteral("expected a tag template of letters, digits, . _ - and "
                                    "{git}, {version} or {timestamp}, got %1")
                         .arg(describe(node["tag"])));
        }
        if (node["valuesKey"]) {
            const QString at = join(keyPath, QStringLiteral("valuesKey"));
            image.valuesKey = nonEmptyString(node["valuesKey"], at);
            static const QRegularExpression key(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*$"));
            if (!key.match(image.valuesKey).hasMatch())
                fail(node["valuesKey"], at,
                     QStringLiteral("expected a dotted chart values key such as web.image, got %1")
                         .arg(describe(node["valuesKey"])));
        }
        return image;
    }

    ReleaseSpec release(const YAML::Node& node) const {
        const QString at = QStringLiteral("release");
        expectMap(node, at, {"name", "namespace", "chart", "valuesFiles", "set"});
        ReleaseSpec release;
        if (node["name"])
            release.name = nonEmptyString(node["name"], join(at, QStringLiteral("name")));
        if (node["namespace"])
            release.namespace_ =
                nonEmptyString(node["namespace"], join(at, QStringLiteral("namespace")));
        if (node["chart"]) {
            // A local chart folder resolves against the profile; "repo/chart" or oci:// stays as
            // is.
            const QString chart = nonEmptyString(node["chart"], join(at, QStringLiteral("chart")));
            const QString local = QDir::cleanPath(baseDir_.absoluteFilePath(chart));
            release.chart =
                QFileInfo::exists(local) || chart.startsWith(QLatin1Char('.')) ? local : chart;
        }
        if (node["valuesFiles"]) {
            const YAML::Node files = node["valuesFiles"];
            const QString filesAt = join(at, QStringLiteral("valuesFiles"));
            if (!files.IsSequence())
                fail(files, filesAt,
                     QStringLiteral("expected a list, got %1").arg(describe(files)));
            for (std::size_t i = 0; i < files.size(); ++i)
                release.valuesFiles << path(files[i], filesAt + QStringLiteral("[%1]").arg(i));
        }
        if (node["set"]) {
            const YAML::Node set = node["set"];
            const QString setAt = join(at, QStringLiteral("set"));
            if (!set.IsMap())
                fail(set, setAt, QStringLiteral("expected a map, got %1").arg(describe(set)));
            for (const auto& entry : set) {
                const QString key = string(entry.first, setAt);
                release.set.insert(key, string(entry.second, join(setAt, key)));
            }
        }
        return release;
    }

    ClusterSpec cluster(const YAML::Node& node) const {
        const QString at = QStringLiteral("cluster");
        expectMap(node, at, {"context", "imageLoader", "endpoint", "url"});
        ClusterSpec cluster;
        if (node["context"])
            cluster.context =
                string(node["context"], join(at, QStringLiteral("context"))).trimmed();
        if (node["imageLoader"])
            cluster.imageLoader =
                choice<ImageLoader>(node["imageLoader"], join(at, QStringLiteral("imageLoader")),
                                    {{"auto", ImageLoader::Auto},
                                     {"minikube", ImageLoader::Minikube},
                                     {"kind", ImageLoader::Kind},
                                     {"containerd", ImageLoader::Containerd},
                                     {"none", ImageLoader::None}});
        if (node["endpoint"])
            cluster.endpoint =
                choice<EndpointKind>(node["endpoint"], join(at, QStringLiteral("endpoint")),
                                     {{"port-forward", EndpointKind::PortForward},
                                      {"nodeport", EndpointKind::NodePort},
                                      {"url", EndpointKind::Url}});
        if (node["url"]) cluster.url = nonEmptyString(node["url"], join(at, QStringLiteral("url")));
        if (cluster.endpoint == EndpointKind::Url) {
            if (cluster.url.isEmpty())
                fail(node["endpoint"], join(at, QStringLiteral("url")),
                     QStringLiteral("is required when endpoint is url"));
            if (!cluster.url.startsWith(QLatin1String("http://")) &&
                !cluster.url.startsWith(QLatin1String("https://")))
                fail(node["url"], join(at, QStringLiteral("url")),
                     QStringLiteral("expected an http:// or https:// URL, got %1")
                         .arg(describe(node["url"])));
        }
        return cluster;
    }

    SloSpec slo(const YAML::Node& node) const {
        const QString at = QStringLiteral("slo");
        expectMap(node, at, {"latencyP95Ms", "imageSizeMb"});
        SloSpec slo;
        // Zero is allowed: an impossible budget is how a breach is demonstrated.
        if (node["latencyP95Ms"])
            slo.latencyP95Ms =
                number(node["latencyP95Ms"], join(at, QStringLiteral("latencyP95Ms")), 0, true);
        if (node["imageSizeMb"])
            slo.imageSizeMb =
                number(node["imageSizeMb"], join(at, QStringLiteral("imageSizeMb")), 0, true);
        return slo;
    }

    ProbeSpec probe(const YAML::Node& node) const {
        const QString at = QStringLiteral("probe");
        expectMap(node, at, {"rateHz", "durationS", "timeoutMs", "paths", "chat", "chatUser"});
        ProbeSpec probe;
        if (node["rateHz"])
            probe.rateHz = number(node["rateHz"], join(at, QStringLiteral("rateHz")), 0, false);
        if (node["durationS"])
            probe.durationS =
                number(node["durationS"], join(at, QStringLiteral("durationS")), 0, false);
        if (node["timeoutMs"])
            probe.timeoutMs =
                int(number(node["timeoutMs"], join(at, QStringLiteral("timeoutMs")), 1, true));
        if (node["paths"]) {
            probe.paths = stringList(node["paths"], join(at, QStringLiteral("paths")));
            for (std::size_t i = 0; i < node["paths"].size(); ++i)
                if (!probe.paths.at(int(i)).startsWith(QLatin1Char('/')))
                    fail(node["paths"][i], join(at, QStringLiteral("paths[%1]").arg(i)),
                         QStringLiteral("expected a path starting with /, got %1")
                             .arg(describe(node["paths"][i])));
        }
        if (node["chat"]) probe.chat = boolean(node["chat"], join(at, QStringLiteral("chat")));
        if (node["chatUser"])
            probe.chatUser = nonEmptyString(node["chatUser"], join(at, QStringLiteral("chatUser")));
        if (probe.paths.isEmpty() && !probe.chat)
            fail(node, at, QStringLiteral("nothing to probe: give paths or set chat: true"));
        return probe;
    }

    OpsSpec ops(const YAML::Node& node) const {
        const QString at = QStringLiteral("ops");
        expectMap(node, at, {"readOnly", "llm"});
        OpsSpec ops;
        if (node["readOnly"]) ops.readOnly = boolean(node["readOnly"], join(at, QStringLiteral("readOnly")));
        if (node["llm"]) {
            const YAML::Node llm = node["llm"];
            const QString llmAt = join(at, QStringLiteral("llm"));
            expectMap(llm, llmAt, {"baseUrl", "model", "apiKeyEnv"});
            if (!llm["baseUrl"]) fail(llm, join(llmAt, QStringLiteral("baseUrl")), QStringLiteral("is required"));
            ops.llm.baseUrl = nonEmptyString(llm["baseUrl"], join(llmAt, QStringLiteral("baseUrl")));
            if (!ops.llm.baseUrl.startsWith(QLatin1String("http://")) &&
                !ops.llm.baseUrl.startsWith(QLatin1String("https://")))
                fail(llm["baseUrl"], join(llmAt, QStringLiteral("baseUrl")),
                     QStringLiteral("expected an http:// or https:// URL, got %1").arg(describe(llm["baseUrl"])));
            if (!llm["model"]) fail(llm, join(llmAt, QStringLiteral("model")), QStringLiteral("is required"));
            ops.llm.model = nonEmptyString(llm["model"], join(llmAt, QStringLiteral("model")));
            if (llm["apiKeyEnv"])
                ops.llm.apiKeyEnv = nonEmptyString(llm["apiKeyEnv"], join(llmAt, QStringLiteral("apiKeyEnv")));
        }
        return ops;
    }

    Profile read(const YAML::Node& root) const {
        Profile profile;
        if (root.IsNull()) return profile;  // an empty file means "all defaults"
        expectMap(root, QString(),
                  {"version", "images", "release", "cluster", "slo", "probe", "ops", "target"});
        if (root["version"] && number(root["version"], QStringLiteral("version"), 1, true) != 1)
            fail(root["version"], QStringLiteral("version"),
                 QStringLiteral("only version 1 is known"));
        if (root["images"]) {
            const YAML::Node images = root["images"];
            if (!images.IsSequence())
                fail(images, QStringLiteral("images"),
                     QStringLiteral("expected a list, got %1").arg(describe(images)));
            QSet<QString> names;
            for (std::size_t i = 0; i < images.size(); ++i) {
                const QString at = QStringLiteral("images[%1]").arg(i);
                ImageSpec spec = image(images[i], at);
                if (names.contains(spec.name))
                    fail(images[i]["name"], join(at, QStringLiteral("name")),
                         QStringLiteral("duplicate image name"));
                names.insert(spec.name);
                profile.images << spec;
            }
        }
        if (root["release"]) profile.release = release(root["release"]);
        if (root["cluster"]) profile.cluster = cluster(root["cluster"]);
        if (root["slo"]) profile.slo = slo(root["slo"]);
        if (root["probe"]) profile.probe = probe(root["probe"]);
        if (root["ops"]) profile.ops = ops(root["ops"]);
        if (root["target"])
            profile.target = choice<Target>(root["target"], QStringLiteral("target"),
                                            {{"local", Target::Local},
                                             {"docker", Target::Docker},
                                             {"cluster", Target::Cluster}});
        return profile;
    }

private:
    QString displayName_;
    QDir baseDir_;
};

}  // namespace

ProfileError::ProfileError(QString file, int line, int column, QString keyPath, QString message)
    : std::runtime_error(formatError(file, line, column, keyPath, message).toStdString()),
      file_(std::move(file)),
      line_(line),
      column_(column),
      keyPath_(std::move(keyPath)),
      message_(std::move(message)) {}

Profile loadProfile(const QString& path) {
    const QFileInfo info(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ProfileError(path, 0, 0, QString(),
                           QStringLiteral("cannot read the profile: %1").arg(file.errorString()));
    const QByteArray text = file.readAll();

    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::ParserException& error) {
        throw ProfileError(
            path, error.mark.line + 1, error.mark.column + 1, QString(),
            QStringLiteral("invalid YAML: %1").arg(QString::fromStdString(error.msg)));
    }
    Profile profile = ProfileReader(path, info.absoluteDir()).read(root);
    profile.sourcePath = info.absoluteFilePath();
    return profile;
}

Profile defaultProfile() {
    return Profile{};
}

QString nameOf(ImageLoader loader) {
    switch (loader) {
        case ImageLoader::Auto:
            return QStringLiteral("auto");
        case ImageLoader::Minikube:
            return QStringLiteral("minikube");
        case ImageLoader::Kind:
            return QStringLiteral("kind");
        case ImageLoader::Containerd:
            return QStringLiteral("containerd");
        case ImageLoader::None:
            return QStringLiteral("none");
    }
    return {};
}

QString nameOf(EndpointKind endpoint) {
    switch (endpoint) {
        case EndpointKind::PortForward:
            return QStringLiteral("port-forward");
        case EndpointKind::NodePort:
            return QStringLiteral("nodeport");
        case EndpointKind::Url:
            return QStringLiteral("url");
    }
    return {};
}

QString nameOf(Target target) {
    switch (target) {
        case Target::Local:
            return QStringLiteral("local");
        case Target::Docker:
            return QStringLiteral("docker");
        case Target::Cluster:
            return QStringLiteral("cluster");
    }
    return {};
}

bool parseTarget(const QString& text, Target* target) {
    for (Target candidate : {Target::Local, Target::Docker, Target::Cluster}) {
        if (text == nameOf(candidate)) {
            *target = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace helmdeck::core
