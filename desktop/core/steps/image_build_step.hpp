#pragma once
// Build: `docker build --progress=plain` for each profile image, progress from the step counter.

#include "core/parsers/docker_build_parser.hpp"
#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class ImageBuildStep : public ToolStep {
    Q_OBJECT

public:
    explicit ImageBuildStep(QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("build"); }
    QString title() const override { return tr("Build image"); }

    /// The major version in `docker --version` output ("Docker version 20.10.24…" → 20), 0.
    static int dockerClientMajor(const QByteArray& versionOutput);

protected:
    void start(RunContext& context) override;

private:
    /// How to invoke the builder here, asked without blocking: BuildKit when buildx or a
    /// pre-23 client offers it, else the classic builder. Then builds.
    void chooseBuilder();
    void tryClient(QStringList clients);
    void useBuilder(const QStringList& builder, bool buildKit);
    void buildNext();

    RunContext* context_ = nullptr;
    DockerBuildParser parser_;
    int index_ = 0;
    QStringList builder_;
    QMap<QString, QString> environment_;
};

}  // namespace helmdeck::core
