#include "core/steps/preflight_step.hpp"

#include "core/paths.hpp"
#include "core/preflight.hpp"

namespace helmdeck::core {

PreflightStep::PreflightStep(QStringList tools, bool needsBackend, QStringList alsoCheck,
                             QObject* parent)
    : Step(parent), tools_(std::move(tools)), needsBackend_(needsBackend) {
    checked_ = tools_;
    for (const QString& tool : alsoCheck)
        if (!checked_.contains(tool)) checked_ << tool;
}

void PreflightStep::start(RunContext& context) {
    if (needsBackend_) {
        const QString backend = findTodoChatbot();
        if (backend.isEmpty()) {
            finish(StepResult::failed(tr("todo-chatbot not found next to helmdeck-cli or on PATH"),
                                      tr("build it: cmake --build build --target todo-chatbot")));
            return;
        }
        Q_EMIT logLine(tr("todo-chatbot: %1").arg(backend));
    }
    if (checked_.isEmpty()) {
        Q_EMIT progress(1.0, tr("nothing to check"));
        finish(StepResult::ok());
        return;
    }
    Q_EMIT progress(0.0, tr("checking %1").arg(checked_.join(QStringLiteral(", "))));
    delete preflight_;
    preflight_ = new Preflight(this);
    auto done = std::make_shared<int>(0);
    connect(preflight_, &Preflight::itemReady, this, [this, done](const PreflightItem& item) {
        ++*done;
        Q_EMIT logLine(item.ok()
                           ? QStringLiteral("%1 %2 %3").arg(item.tool, item.version, item.detail)
                           : QStringLiteral("%1: %2").arg(item.tool, item.problem));
        Q_EMIT progress(double(*done) / double(checked_.size()), item.tool);
    });
    connect(preflight_, &Preflight::finished, this,
            [this, &context](const PreflightReport& report) { onReport(context, report); });
    preflight_->run(checked_);
}

void PreflightStep::onReport(RunContext& context, const PreflightReport& report) {
    if (!isRunning()) return;
    context.preflight = report;
    if (context.kubeContext.isEmpty()) context.kubeContext = report.kubeContext;
    QStringList problems;
    QStringList hints;
    for (const QString& tool : tools_) {
        const PreflightItem* item = report.item(tool);
        if (!item) {
            problems << tr("%1 was not checked").arg(tool);
            continue;
        }
        if (item->ok()) continue;
        problems << QStringLiteral("%1: %2").arg(tool, item->problem);
        if (!item->fixHint.isEmpty()) hints << item->fixHint;
    }
    if (!problems.isEmpty()) {
        finish(
            StepResult::failed(problems.join(QStringLiteral("; ")), hints.join(QLatin1Char(' '))));
        return;
    }
    finish(StepResult::ok());
}

void PreflightStep::cancel() {
    if (!isRunning()) return;
    // Preflight commands are short and bounded; drop their result and stop now.
    if (preflight_) {
        preflight_->disconnect(this);
        preflight_->deleteLater();  // its runners kill their children when destroyed
        preflight_ = nullptr;
    }
    finish(StepResult::cancelled());
}

}  // namespace helmdeck::core
