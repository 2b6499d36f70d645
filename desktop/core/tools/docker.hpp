#pragma once
// Every docker command line Helmdeck runs (the engine is local: no kube context to pass).

#include "core/parsers/docker_image_parser.hpp"
#include "core/tools/tool_command.hpp"

namespace helmdeck::core {

/// One `docker build`: the builder invocation (see ImageBuildStep), file, context and tag.
struct DockerBuild {
    QStringList builder;  ///< {program, "build", maybe "--progress=plain"}
    QMap<QString, QString> environment;  ///< DOCKER_BUILDKIT
    QString dockerfile;
    QString context;
    QString reference;
    QMap<QString, QString> buildArgs;
    QString workingDirectory;
};

class Docker {
public:
    explicit Docker(QString program = QStringLiteral("docker")) : program_(std::move(program)) {}

    ToolCommand buildxVersion() const;
    /// `PROGRAM --version` ("Docker version 20.10.24+dfsg1, build 297e128").
    ToolCommand clientVersion() const;
    static ToolCommand build(const DockerBuild& build);
    ToolCall<ImageInfo> inspectImage(const QString& reference) const;
    ToolCall<QList<ImageLayer>> history(const QString& reference) const;
    /// The local "repository:tag" names of `repository`, newest first.
    ToolCall<QStringList> imageTags(const QString& repository) const;
    ToolCommand run(const QStringList& runArguments) const;
    ToolCall<QString> port(const QString& container, const QString& containerPort) const;
    ToolCommand logs(const QString& container, int tail) const;
    ToolCommand removeForce(const QString& container) const;

    static constexpr int kQueryTimeoutMs = 60000;

private:
    QString program_;
};

}  // namespace helmdeck::core
