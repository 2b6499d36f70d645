#pragma once
// Deploy: `helm upgrade --install --wait`, injecting the built image's repository and tag, and
// reporting the rollout's ReplicaSets (new ready, old left) while helm waits.

#include "core/rollout_watch.hpp"
#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class DeployStep : public ToolStep {
    Q_OBJECT

public:
    explicit DeployStep(QObject* parent = nullptr);
    static constexpr int kRolloutPollMs = 1000;

    QString id() const override { return QStringLiteral("deploy"); }
    QString title() const override { return tr("Deploy release"); }

    /// The chart, values files and overrides of this run, with the built image's repository
    /// and tag (the Diff step renders the same ones).
    static HelmChartValues chartValues(const RunContext& context);

protected:
    void start(RunContext& context) override;

public Q_SLOTS:
    void cancel() override;

private:
    QStringList helmErrors_;  ///< helm's stderr lines of this run
    RolloutWatch rollout_;
};

}  // namespace helmdeck::core
