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

    /// How to invoke the builder here: BuildKit when buildx or a pre-23 client offers it,
    /// else the classic builder. Returns {program, leading args}; sets the environment.
    static QStringList builderCommand(QMap<QString, QString>* environment);

protected:
    void start(RunContext& context) override;

private:
    void buildNext();

    RunContext* context_ = nullptr;
    DockerBuildParser parser_;
    int index_ = 0;
    QStringList builder_;
    QMap<QString, QString> environment_;
};

}  // namespace helmdeck::core
