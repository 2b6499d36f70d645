#include "core/steps/measure_step.hpp"

#include "core/run_report.hpp"

namespace helmdeck::core {

namespace {
constexpr int kDockerQueryTimeoutMs = 60 * 1000;
}

void MeasureStep::start(RunContext& context) {
    runner().setEmitStdoutLines(false);  // JSON, parsed below; not for the log
    context_ = &context;
    index_ = 0;
    measureNext();
}

void MeasureStep::measureNext() {
    if (index_ >= context_->images.size()) {
        Q_EMIT progress(1.0, tr("measured"));
        finish(StepResult::ok());
        return;
    }
    const QString reference = context_->images.at(index_).reference;
    Q_EMIT progress(double(index_) / double(context_->images.size()), reference);
    runTool(
        QStringLiteral("docker"), {QStringLiteral("image"), QStringLiteral("inspect"), reference},
        kDockerQueryTimeoutMs, [this, reference](const ToolResult& inspected) {
            if (!inspected.ok()) {
                failWith(inspected, tr("build the image first (helmdeck-cli build)"));
                return;
            }
            QString error;
            const auto info = parseDockerImageInspect(inspected.stdoutData, &error);
            if (!info) {
                finish(StepResult::failed(tr("cannot read docker image inspect: %1").arg(error)));
                return;
            }
            context_->images[index_].sizeBytes = info->sizeBytes;
            runTool(QStringLiteral("docker"),
                    {QStringLiteral("history"), QStringLiteral("--no-trunc"),
                     QStringLiteral("--human=false"), QStringLiteral("--format"),
                     QStringLiteral("{{json .}}"), reference},
                    kDockerQueryTimeoutMs, [this, reference](const ToolResult& history) {
                        if (!history.ok()) {
                            failWith(history);
                            return;
                        }
                        QString historyError;
                        const auto layers = parseDockerHistory(history.stdoutData, &historyError);
                        if (!layers) {
                            finish(StepResult::failed(
                                tr("cannot read docker history: %1").arg(historyError)));
                            return;
                        }
                        MeasuredImage& image = context_->images[index_];
                        image.layers = *layers;
                        Q_EMIT logLine(tr("%1: %2 in %n layer(s)", nullptr, int(layers->size()))
                                           .arg(reference, formatBytes(image.sizeBytes)));
                        ++index_;
                        measureNext();
                    });
        });
}

}  // namespace helmdeck::core
