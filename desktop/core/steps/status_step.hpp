#pragma once
// Status: `helm status` and `helm history` (JSON), the release's pods (`kubectl get pods`) and
// the last lines of their logs (`kubectl logs`).

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class StatusStep : public ToolStep {
    Q_OBJECT

public:
    using ToolStep::ToolStep;

    QString id() const override { return QStringLiteral("status"); }
    QString title() const override { return tr("Release status"); }

protected:
    void start(RunContext& context) override;

private:
    void readHistory();
    void readPods();
    void readLogs(const QString& summary);

    RunContext* context_ = nullptr;
};

}  // namespace helmdeck::core
