#pragma once
// Probe: the open-model latency probe against the endpoint, with the profile's settings. On the
// cluster target it also samples the release's pods (CPU, memory) for the report's peaks.

#include "core/latency_probe.hpp"
#include "core/pipeline.hpp"
#include "core/pod_resource_monitor.hpp"

namespace helmdeck::core {

class ProbeStep : public Step {
    Q_OBJECT

public:
    explicit ProbeStep(QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("probe"); }
    QString title() const override { return tr("Probe latency"); }

    /// The probe settings a profile asks for, against `baseUrl`.
    static ProbeSettings settingsFor(const ProbeSpec& spec, const QUrl& baseUrl);

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    void startResourceSampling(const RunContext& context);

    LatencyProbe probe_;
    PodResourceMonitor resources_;
    RunContext* context_ = nullptr;
    bool cancelling_ = false;
};

}  // namespace helmdeck::core
