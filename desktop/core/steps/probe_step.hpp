#pragma once
// Probe: the open-model latency probe against the endpoint, with the profile's settings.

#include "core/latency_probe.hpp"
#include "core/pipeline.hpp"

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
    LatencyProbe probe_;
    RunContext* context_ = nullptr;
    bool cancelling_ = false;
};

}  // namespace helmdeck::core
