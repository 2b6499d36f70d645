#pragma once
// Uninstall: `helm uninstall --wait` of the profile's release.

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class UninstallStep : public ToolStep {
    Q_OBJECT

public:
    using ToolStep::ToolStep;

    QString id() const override { return QStringLiteral("uninstall"); }
    QString title() const override { return tr("Uninstall release"); }

protected:
    void start(RunContext& context) override;
};

}  // namespace helmdeck::core
