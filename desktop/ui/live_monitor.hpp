#pragma once
// Keeps probing the endpoint after a run (open-ended LatencyProbe at the configured rate) and
// scrapes /metrics every few seconds for the server-side view. Feeds a LiveLatencySeries.

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <optional>

#include "core/latency_probe.hpp"
#include "core/profile.hpp"

namespace helmdeck::ui {

class LiveLatencySeries;

class LiveMonitor : public QObject {
    Q_OBJECT

public:
    explicit LiveMonitor(LiveLatencySeries* series, QObject* parent = nullptr);
    ~LiveMonitor() override;

    void setProbeSpec(const core::ProbeSpec& spec) { spec_ = spec; }
    /// Requests per second of the live probe (persisted by the window).
    void setRateHz(double rateHz);
    double rateHz() const { return rateHz_; }

    /// Probes `url` until stop() or another start(); an empty url stops.
    void start(const QUrl& url);
    void stop();
    bool isRunning() const { return probe_.isRunning(); }
    QUrl url() const { return url_; }

Q_SIGNALS:
    void sample(const helmdeck::core::ProbeSample& sample);
    /// The backend's own latency over the last scrape interval (from /metrics histograms).
    void serverSide(const helmdeck::core::ServerSideSummary& summary);

private:
    core::ProbeSettings settings() const;
    void onScraped(bool ok, const core::prometheus::Exposition& exposition, const QString& error);

    LiveLatencySeries* series_;
    core::LatencyProbe probe_;
    core::LatencyProbe scraper_;  // separate object: scrapes never interfere with the run
    QTimer scrapeTimer_;
    core::ProbeSpec spec_;
    double rateHz_ = 5;
    QUrl url_;
    std::optional<core::prometheus::Exposition> previous_;
};

}  // namespace helmdeck::ui
