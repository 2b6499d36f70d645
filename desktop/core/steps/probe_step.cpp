#include "core/steps/probe_step.hpp"

#include "core/parsers/k8s_quantity.hpp"

namespace helmdeck::core {

ProbeStep::ProbeStep(QObject* parent) : Step(parent) {
    connect(&resources_, &PodResourceMonitor::unavailable, this, &Step::logLine);
    connect(&probe_, &LatencyProbe::sample, this, &Step::probeSample);
    connect(&probe_, &LatencyProbe::progress, this, [this](double fraction) {
        Q_EMIT progress(
            fraction,
            tr("probing %1").arg(context_ ? context_->endpointUrl.toString() : QString()));
    });
    connect(&probe_, &LatencyProbe::finished, this, [this](const ProbeSummary& summary) {
        if (!isRunning()) return;
        resources_.stop();
        if (cancelling_) {
            finish(StepResult::cancelled());
            return;
        }
        context_->probe = summary;
        context_->podResources = resources_.records(context_->pods);
        for (const PodResourceRecord& pod : context_->podResources)
            Q_EMIT logLine(tr("%1: peak memory %2 of %3, peak CPU %4")
                               .arg(pod.pod, memoryText(pod.peakMemoryBytes),
                                    pod.memoryLimitBytes > 0 ? memoryText(pod.memoryLimitBytes)
                                                             : tr("no limit"),
                                    cpuText(pod.peakCpuMillicores)));
        const LatencyStats stats = summary.overallStats();
        const QString text = tr("%1 ok, %2 errors; p50 %3 ms, p95 %4 ms, p99 %5 ms")
                                 .arg(stats.count)
                                 .arg(stats.errors)
                                 .arg(formatMeasure(stats.p50Ms), formatMeasure(stats.p95Ms),
                                      formatMeasure(stats.p99Ms));
        Q_EMIT logLine(text);
        if (summary.server.available && summary.server.p95Ms)
            Q_EMIT logLine(tr("server-side p95 %1 ms (from /metrics)")
                               .arg(formatMeasure(*summary.server.p95Ms)));
        else if (!summary.server.available)
            Q_EMIT logLine(tr("server-side latency unavailable: %1").arg(summary.server.error));
        Q_EMIT progress(1.0, text);
        finish(StepResult::ok(text));
    });
}

ProbeSettings ProbeStep::settingsFor(const ProbeSpec& spec, const QUrl& baseUrl) {
    ProbeSettings settings;
    settings.baseUrl = baseUrl;
    settings.rateHz = spec.rateHz;
    settings.durationMs = qint64(spec.durationS * 1000.0);
    settings.timeoutMs = spec.timeoutMs;
    settings.paths = spec.paths;
    settings.chat = spec.chat;
    settings.chatUser = spec.chatUser;
    return settings;
}

void ProbeStep::start(RunContext& context) {
    context_ = &context;
    cancelling_ = false;
    if (!context.endpointUrl.isValid()) {
        finish(StepResult::failed(tr("no endpoint to probe"),
                                  tr("an earlier step must start or reach the backend")));
        return;
    }
    ProbeSettings settings = settingsFor(context.profile.probe, context.endpointUrl);
    // Through the web frontend, the page itself is a round trip of its own.
    if (context.webUrl.isValid() && context.webUrl == context.endpointUrl &&
        !settings.paths.contains(QStringLiteral("/")))
        settings.paths.prepend(QStringLiteral("/"));
    Q_EMIT logLine(tr("probing %1 at %2/s for %3 s: %4%5")
                       .arg(context.endpointUrl.toString(), formatMeasure(settings.rateHz),
                            formatMeasure(settings.durationMs / 1000.0),
                            settings.paths.join(QStringLiteral(", ")),
                            settings.chat ? tr(", chat") : QString()));
    Q_EMIT progress(0.0, tr("probing"));
    probe_.start(settings);
    startResourceSampling(context);
}

void ProbeStep::startResourceSampling(const RunContext& context) {
    if (context.target != Target::Cluster || context.pods.isEmpty()) return;
    QStringList nodes;
    for (const PodInfo& pod : context.pods) nodes << pod.node;
    resources_.watch(KubeScope::of(context.profile, context.kubeContext), nodes);
    // The kubelet refreshes its figures every ~10 s; sampling faster only repeats them.
    resources_.start(2500);
}

void ProbeStep::cancel() {
    if (!isRunning()) return;
    cancelling_ = true;
    resources_.stop();
    if (probe_.isRunning())
        probe_.stop();  // finishes through LatencyProbe::finished
    else
        finish(StepResult::cancelled());
}

}  // namespace helmdeck::core
