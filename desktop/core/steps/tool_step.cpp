#include "core/steps/tool_step.hpp"

#include <QFileInfo>

namespace helmdeck::core {

ToolStep::ToolStep(QObject* parent) : Step(parent) {
    session_.setLogStdout(true);
    connect(&session_, &ToolSession::logLine, this, &Step::logLine);
}

void ToolStep::cancel() {
    if (!isRunning()) return;
    cancelRequested_ = true;
    if (waiting_)
        session_.cancel();  // finishes through the runner's Cancelled result
    else
        finish(StepResult::cancelled());
}

void ToolStep::runTool(const ToolCommand& command, Next next) {
    if (cancelRequested_) {
        finish(StepResult::cancelled());
        return;
    }
    waiting_ = true;
    session_.run(command, [this, next = std::move(next)](const ToolResult& result) {
        waiting_ = false;
        if (!isRunning()) return;
        if (cancelRequested_ || result.status == ToolResult::Cancelled) {
            finish(StepResult::cancelled());
            return;
        }
        if (next) next(result);
    });
}

void ToolStep::failWith(const ToolResult& result, const QString& fixHint) {
    QString hint = fixHint;
    // A missing tool is the problem to fix first, whatever the step would advise.
    if (result.status == ToolResult::NotFound)
        hint = tr("install %1 and make sure it is on PATH (run `helmdeck-cli preflight`)")
                   .arg(QFileInfo(result.program).fileName());
    finish(StepResult::failed(result.reason, hint));
}

Helm ToolStep::helm(const RunContext& context) {
    return Helm(KubeScope::of(context.profile, context.kubeContext));
}

Kubectl ToolStep::kubectl(const RunContext& context) {
    return Kubectl(KubeScope::of(context.profile, context.kubeContext));
}

QString ToolStep::releaseSelector(const RunContext& context) {
    return Kubectl::releaseSelector(context.profile.release.name);
}

}  // namespace helmdeck::core
