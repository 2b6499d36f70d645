#pragma once
// Diff: what a deploy would change. `helm template` with the deploy's values against
// `helm get manifest` of the deployed revision, plus the user-supplied values; then, when the
// run asks for it, the user's yes before Deploy.

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class DiffStep : public ToolStep {
    Q_OBJECT

public:
    using ToolStep::ToolStep;

    QString id() const override { return QStringLiteral("diff"); }
    QString title() const override { return tr("Diff release"); }

protected:
    void start(RunContext& context) override;

private:
    void readDeployed(int revision);
    void render(const QList<ManifestObject>& deployed, const QByteArray& deployedValues);
    void conclude(ReleaseDiff diff);

    RunContext* context_ = nullptr;
};

}  // namespace helmdeck::core
