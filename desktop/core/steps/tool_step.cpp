#include "core/steps/tool_step.hpp"

#include <QFileInfo>

namespace helmdeck::core {

ToolStep::ToolStep(QObject* parent) : Step(parent) {
    runner_.setCaptureStdout(true);
    connect(&runner_, &ToolRunner::stdoutLine, this, &Step::logLine);
    connect(&runner_, &ToolRunner::stderrLine, this, &Step::logLine);
    connect(&runner_, &ToolRunner::finished, this, [this](const ToolResult& result) {
        Next next = std::move(next_);
        next_ = nullptr;
        if (!isRunning()) return;
        if (cancelRequested_ || result.status == ToolResult::Cancelled) {
            finish(StepResult::cancelled());
            return;
        }
        if (next) next(result);
    });
}

void ToolStep::cancel() {
    if (!isRunning()) return;
    cancelRequested_ = true;
    if (runner_.isRunning())
        runner_.cancel();  // finishes through the runner's Cancelled result
    else if (!next_)
        finish(StepResult::cancelled());
}

void ToolStep::runTool(const QString& program, const QStringList& arguments, int timeoutMs,
                       Next next, const QMap<QString, QString>& environment,
                       const QString& workingDir) {
    if (cancelRequested_) {
        finish(StepResult::cancelled());
        return;
    }
    Q_EMIT logLine(QStringLiteral("$ %1 %2").arg(QFileInfo(program).fileName(),
                                                 arguments.join(QLatin1Char(' '))));
    next_ = std::move(next);
    runner_.start(program, arguments, environment, timeoutMs, workingDir);
}

void ToolStep::failWith(const ToolResult& result, const QString& fixHint) {
    QString hint = fixHint;
    if (hint.isEmpty() && result.status == ToolResult::NotFound)
        hint = tr("install %1 and make sure it is on PATH (run `helmdeck-cli preflight`)")
                   .arg(QFileInfo(result.program).fileName());
    finish(StepResult::failed(result.reason, hint));
}

QStringList ToolStep::helmContextArgs(const RunContext& context) {
    if (context.profile.cluster.context.isEmpty()) return {};
    return {QStringLiteral("--kube-context"), context.profile.cluster.context};
}

QStringList ToolStep::kubectlContextArgs(const RunContext& context) {
    if (context.profile.cluster.context.isEmpty()) return {};
    return {QStringLiteral("--context"), context.profile.cluster.context};
}

QString ToolStep::releaseSelector(const RunContext& context) {
    return QStringLiteral("app.kubernetes.io/instance=%1,app.kubernetes.io/component=api")
        .arg(context.profile.release.name);
}

}  // namespace helmdeck::core
