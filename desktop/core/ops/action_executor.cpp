#include "core/ops/action_executor.hpp"

#include <QDateTime>

namespace helmdeck::ops {

ActionExecutor::ActionExecutor(ActionContext context, QString dataDir, QObject* parent)
    : QObject(parent), context_(std::move(context)), audit_(std::move(dataDir)) {}

ActionExecutor::~ActionExecutor() = default;

bool ActionExecutor::isRunning() const {
    return runner_ && runner_->isRunning();
}

void ActionExecutor::cancel() {
    if (runner_) runner_->cancel();
}

void ActionExecutor::run(const Action& action, const QString& request, const QString& confirmedBy) {
    const QStringList line = commandLine(action, context_);
    const QString command = commandText(action, context_);
    runner_ = std::make_unique<core::ToolRunner>();
    runner_->setCaptureStdout(true);
    connect(runner_.get(), &core::ToolRunner::stdoutLine, this, &ActionExecutor::outputLine);
    connect(runner_.get(), &core::ToolRunner::stderrLine, this, &ActionExecutor::outputLine);
    connect(runner_.get(), &core::ToolRunner::finished, this,
            [this, action, request, confirmedBy, command](const core::ToolResult& result) {
                AuditEntry entry;
                entry.time = QDateTime::currentDateTimeUtc();
                entry.request = request;
                entry.command = command;
                entry.mutating = isMutating(action);
                entry.exitCode = result.exitCode;
                entry.status = core::nameOf(result.status);
                entry.confirmedBy = confirmedBy;
                entry.user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
                ActionOutcome outcome{action, command, result, QString::fromUtf8(result.stdoutData), {}};
                audit_.append(entry, &outcome.auditError);
                Q_EMIT finished(outcome);
            });
    // Streams (logs --follow, port-forward) run until cancelled; the rest are bounded.
    const bool stream = action.kind == ActionKind::PortForward || (action.kind == ActionKind::Logs && action.follow);
    const int timeout = stream ? 0 : (timeoutMs_ > 0 ? timeoutMs_ : (isMutating(action) ? 360000 : 60000));
    runner_->start(line.first(), line.mid(1), {}, timeout);
}

}  // namespace helmdeck::ops
