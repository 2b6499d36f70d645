#include "core/steps/measure_step.hpp"

#include "core/run_report.hpp"

namespace helmdeck::core {

MeasureStep::MeasureStep(QObject* parent) : Step(parent) {
    connect(&inspector_, &ImageInspector::logLine, this, &Step::logLine);
    connect(&inspector_, &ImageInspector::measured, this, [this](const MeasuredImage& measured) {
        if (!isRunning()) return;
        MeasuredImage& image = context_->images[index_];
        image.sizeBytes = measured.sizeBytes;
        image.layers = measured.layers;
        Q_EMIT logLine(tr("%1: %2 in %n layer(s)", nullptr, int(image.layers.size()))
                           .arg(image.reference, formatBytes(image.sizeBytes)));
        ++index_;
        measureNext();
    });
    connect(&inspector_, &ImageInspector::failed, this,
            [this](const QString& reference, const QString& reason) {
                if (!isRunning()) return;
                finish(StepResult::failed(
                    tr("cannot measure %1: %2").arg(reference, reason),
                    tr("build the image first (helmdeck-cli build)")));
            });
}

void MeasureStep::start(RunContext& context) {
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
    inspector_.measure(reference);
}

void MeasureStep::cancel() {
    if (!isRunning()) return;
    inspector_.cancel();
    finish(StepResult::cancelled());
}

}  // namespace helmdeck::core
