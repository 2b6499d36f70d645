#pragma once
// Verdict: p95 latency, probe errors and image sizes against the profile's budgets. The step
// is ok when it could judge; the verdict itself (pass/fail) is in RunContext::verdict.

#include "core/pipeline.hpp"

namespace helmdeck::core {

class VerdictStep : public Step {
    Q_OBJECT

public:
    using Step::Step;

    QString id() const override { return QStringLiteral("verdict"); }
    QString title() const override { return tr("SLO verdict"); }

    static VerdictInput inputFor(const RunContext& context);

protected:
    void start(RunContext& context) override;
};

}  // namespace helmdeck::core
