#pragma once
// Docker target: run the built image read-only on a loopback port and wait until it is ready.

#include "core/pipeline.hpp"

namespace helmdeck::core {

class DockerContainer;

class ContainerStep : public Step {
    Q_OBJECT

public:
    using Step::Step;

    QString id() const override { return QStringLiteral("container"); }
    QString title() const override { return tr("Run container"); }

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    std::shared_ptr<DockerContainer> container_;
};

}  // namespace helmdeck::core
