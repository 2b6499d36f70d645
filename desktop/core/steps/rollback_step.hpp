#pragma once
// Rollback: `helm history` → the previous good revision (or a chosen one) → `helm rollback`.

#include <optional>

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class RollbackStep : public ToolStep {
    Q_OBJECT

public:
    /// `onlyOnBreach`: skip unless the run's verdict failed (for --rollback-on-fail).
    explicit RollbackStep(bool onlyOnBreach, std::optional<int> revision = {},
                          QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("rollback"); }
    QString title() const override { return tr("Roll back"); }

protected:
    void start(RunContext& context) override;

private:
    void rollBackTo(int revision);
    void readBack();

    RunContext* context_ = nullptr;
    bool onlyOnBreach_;
    std::optional<int> revision_;
};

}  // namespace helmdeck::core
