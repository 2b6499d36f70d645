#include "core/tools/docker.hpp"

namespace helmdeck::core {

namespace {
constexpr int kBuildTimeoutMs = 45 * 60 * 1000;
// A hang guard, not a speed check: a timed-out probe picks the classic builder, and on a cold
// page cache a throttled disk can take seconds to page the client in.
constexpr int kProbeTimeoutMs = 30000;
}

ToolCommand Docker::buildxVersion() const {
    return {program_, {QStringLiteral("buildx"), QStringLiteral("version")}, kProbeTimeoutMs, {}, {}};
}

ToolCommand Docker::clientVersion() const {
    return {program_, {QStringLiteral("--version")}, kProbeTimeoutMs, {}, {}};
}

ToolCommand Docker::build(const DockerBuild& build) {
    QStringList arguments = build.builder.mid(1);
    arguments << QStringLiteral("-f") << build.dockerfile;
    for (auto it = build.buildArgs.cbegin(); it != build.buildArgs.cend(); ++it)
        arguments << QStringLiteral("--build-arg")
                  << QStringLiteral("%1=%2").arg(it.key(), it.value());
    arguments << QStringLiteral("-t") << build.reference << build.context;
    return {build.builder.value(0, QStringLiteral("docker")), arguments, kBuildTimeoutMs,
            build.environment, build.workingDirectory};
}

ToolCall<ImageInfo> Docker::inspectImage(const QString& reference) const {
    return {{program_,
             {QStringLiteral("image"), QStringLiteral("inspect"), reference},
             kQueryTimeoutMs,
             {},
             {}},
            [](const QByteArray& data, QString* error) {
                return parseDockerImageInspect(data, error);
            },
            QStringLiteral("docker image inspect")};
}

ToolCall<QList<ImageLayer>> Docker::history(const QString& reference) const {
    return {{program_,
             {QStringLiteral("history"), QStringLiteral("--no-trunc"),
              QStringLiteral("--human=false"), QStringLiteral("--format"),
              QStringLiteral("{{json .}}"), reference},
             kQueryTimeoutMs,
             {},
             {}},
            [](const QByteArray& data, QString* error) { return parseDockerHistory(data, error); },
            QStringLiteral("docker history")};
}

ToolCall<QStringList> Docker::imageTags(const QString& repository) const {
    return {{program_,
             {QStringLiteral("images"), QStringLiteral("--format"),
              QStringLiteral("{{.Repository}}:{{.Tag}}"), repository},
             kQueryTimeoutMs,
             {},
             {}},
            [](const QByteArray& data, QString*) {
                QStringList tags;
                for (const QString& line : QString::fromUtf8(data).split(QLatin1Char('\n')))
                    if (!line.trimmed().isEmpty() && !line.endsWith(QLatin1String(":<none>")))
                        tags << line.trimmed();
                return std::optional<QStringList>(tags);
            },
            QStringLiteral("docker images")};
}

ToolCommand Docker::run(const QStringList& runArguments) const {
    return {program_, QStringList{QStringLiteral("run")} + runArguments, kQueryTimeoutMs, {}, {}};
}

ToolCall<QString> Docker::port(const QString& container, const QString& containerPort) const {
    return {{program_, {QStringLiteral("port"), container, containerPort}, kQueryTimeoutMs, {}, {}},
            [](const QByteArray& data, QString*) {
                return std::optional<QString>(QString::fromUtf8(data));
            },
            QStringLiteral("docker port")};
}

ToolCommand Docker::logs(const QString& container, int tail) const {
    return {program_,
            {QStringLiteral("logs"), QStringLiteral("--tail"), QString::number(tail), container},
            10000,
            {},
            {}};
}

ToolCommand Docker::removeForce(const QString& container) const {
    return {program_, {QStringLiteral("rm"), QStringLiteral("-f"), container}, 30000, {}, {}};
}

}  // namespace helmdeck::core
