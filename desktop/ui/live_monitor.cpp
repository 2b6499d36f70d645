#include "ui/live_monitor.hpp"

#include "ui/live_latency_series.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kScrapeIntervalMs = 5000;
}

LiveMonitor::LiveMonitor(LiveLatencySeries* series, QObject* parent)
    : QObject(parent), series_(series) {
    connect(&probe_, &core::LatencyProbe::sample, this, [this](const core::ProbeSample& s) {
        series_->add(s);
        Q_EMIT sample(s);
    });
    // An open-ended run only ends through stop(); if it ends otherwise, keep watching.
    connect(&probe_, &core::LatencyProbe::finished, this, [this] {
        if (url_.isValid())
            QTimer::singleShot(1000, this, [this] {
                if (url_.isValid() && !probe_.isRunning()) probe_.start(settings());
            });
    });
    connect(&scraper_, &core::LatencyProbe::metricsScraped, this, &LiveMonitor::onScraped);
    scrapeTimer_.setInterval(kScrapeIntervalMs);
    connect(&scrapeTimer_, &QTimer::timeout, this, [this] {
        if (url_.isValid()) scraper_.scrapeMetrics(url_, 3000);
    });
}

LiveMonitor::~LiveMonitor() {
    url_ = QUrl();
    probe_.stop();
}

void LiveMonitor::setRateHz(double rateHz) {
    rateHz_ = qBound(0.2, rateHz, 100.0);
    if (url_.isValid()) start(url_);  // restart at the new rate
}

core::ProbeSettings LiveMonitor::settings() const {
    core::ProbeSettings settings;
    settings.baseUrl = url_;
    settings.rateHz = rateHz_;
    settings.durationMs = 0;  // until stop()
    settings.timeoutMs = spec_.timeoutMs;
    settings.paths = spec_.paths;
    settings.chat = spec_.chat;
    settings.chatUser = spec_.chatUser;
    settings.scrapeMetrics = false;  // the scrape timer does it, every few seconds
    return settings;
}

void LiveMonitor::start(const QUrl& url) {
    const QUrl previousUrl = url_;
    url_ = QUrl();  // keeps the finished handler from restarting the old run
    probe_.stop();
    url_ = url;
    if (previousUrl != url) previous_.reset();
    if (!url_.isValid()) {
        scrapeTimer_.stop();
        return;
    }
    probe_.start(settings());
    scraper_.scrapeMetrics(url_, 3000);
    scrapeTimer_.start();
}

void LiveMonitor::stop() {
    start(QUrl());
}

void LiveMonitor::onScraped(bool ok, const core::prometheus::Exposition& exposition,
                            const QString& error) {
    if (!ok) {
        core::ServerSideSummary summary;
        summary.error = error;
        Q_EMIT serverSide(summary);
        return;
    }
    if (previous_)
        Q_EMIT serverSide(core::LatencyProbe::serverSide(*previous_, exposition, settings()));
    previous_ = exposition;
}

}  // namespace helmdeck::ui
