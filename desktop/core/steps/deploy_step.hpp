#pragma once
// Deploy: `helm upgrade --install --wait`, injecting the built image's repository and tag.

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class DeployStep : public ToolStep {
    Q_OBJECT

public:
    explicit DeployStep(QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("deploy"); }
    QString title() const override { return tr("Deploy release"); }

    /// The chart, values files and overrides of this run, with the built image's repository
    /// and tag (the Diff step renders the same ones).
    static HelmChartValues chartValues(const RunContext& context);

protected:
    void start(RunContext& context) override;

private:
    QStringList helmErrors_;  ///< helm's stderr lines of this run
};

}  // namespace helmdeck::core
