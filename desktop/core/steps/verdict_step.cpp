#include "core/steps/verdict_step.hpp"

namespace helmdeck::core {

VerdictInput VerdictStep::inputFor(const RunContext& context) {
    VerdictInput input;
    input.budgets.latencyP95Ms = context.profile.slo.latencyP95Ms;
    input.budgets.imageSizeMb = context.profile.slo.imageSizeMb;
    if (context.probe) {
        const LatencyStats stats = context.probe->overallStats();
        if (stats.count > 0) input.latencyP95Ms = stats.p95Ms;
        input.probeRequests = stats.count + stats.errors;
        input.probeErrors = stats.errors;
    }
    for (const MeasuredImage& image : context.images)
        if (!image.reference.isEmpty()) input.imageBytes.insert(image.reference, image.sizeBytes);
    return input;
}

void VerdictStep::start(RunContext& context) {
    context.verdict = evaluateVerdict(inputFor(context));
    for (const VerdictCheck& check : context.verdict->checks)
        Q_EMIT logLine(QStringLiteral("%1: %2").arg(checkStatusName(check.status), check.reason));
    const QString text = QStringLiteral("%1: %2").arg(checkStatusName(context.verdict->overall),
                                                      context.verdict->reason);
    Q_EMIT progress(1.0, text);
    finish(StepResult::ok(text));
}

}  // namespace helmdeck::core
