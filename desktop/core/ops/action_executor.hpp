#pragma once
// Runs one action after the gate let it through, streams its output, and appends it to the
// audit log. The only place in ops/ that starts a process for an action.

#include <QObject>
#include <memory>

#include "core/ops/action.hpp"
#include "core/ops/ops_audit.hpp"
#include "core/tool_runner.hpp"

namespace helmdeck::ops {

struct ActionOutcome {
    Action action;
    QString command;
    core::ToolResult result;
    QString output;  ///< all of stdout (for the answer, the LLM's tool result, or a parser)
    QString auditError;  ///< set when the audit line could not be written
};

class ActionExecutor : public QObject {
    Q_OBJECT

public:
    ActionExecutor(ActionContext context, QString dataDir, QObject* parent = nullptr);
    ~ActionExecutor() override;

    const ActionContext& context() const { return context_; }
    /// Runs `action` (the caller has passed it through gate() and, when mutating, a Confirmer).
    /// `confirmedBy` goes to the audit log. One at a time; finished() follows.
    void run(const Action& action, const QString& request, const QString& confirmedBy);
    bool isRunning() const;
    /// Read-only queries time out; mutating helm and kubectl calls get helm's own 5 minutes.
    void setTimeoutMs(int ms) { timeoutMs_ = ms; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void outputLine(const QString& line);
    void finished(const helmdeck::ops::ActionOutcome& outcome);

private:
    ActionContext context_;
    OpsAuditLog audit_;
    std::unique_ptr<core::ToolRunner> runner_;
    int timeoutMs_ = 0;
};

}  // namespace helmdeck::ops

Q_DECLARE_METATYPE(helmdeck::ops::ActionOutcome)
