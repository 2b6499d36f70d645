#pragma once
// Measure: image size from `docker image inspect`, per-layer sizes from `docker history`.

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class MeasureStep : public ToolStep {
    Q_OBJECT

public:
    using ToolStep::ToolStep;

    QString id() const override { return QStringLiteral("measure"); }
    QString title() const override { return tr("Measure image"); }

protected:
    void start(RunContext& context) override;

private:
    void measureNext();

    RunContext* context_ = nullptr;
    int index_ = 0;
};

}  // namespace helmdeck::core
