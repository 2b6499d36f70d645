#pragma once
// The Health page: current numbers (client-side probe next to the server's /metrics view),
// the live latency chart against the SLO, and the latency histogram.

#include <QTimer>
#include <QWidget>

#include "core/latency_probe.hpp"

class QDoubleSpinBox;
class QLabel;

namespace helmdeck::ui {

class LatencyHistogramChart;
class LatencyTimelineChart;
class LiveLatencySeries;

/// A small "name over big number" tile.
class MetricTile : public QWidget {
    Q_OBJECT

public:
    MetricTile(const QString& name, QWidget* parent = nullptr);
    void setValue(const QString& value, const QColor& color = {});
    QString value() const;

private:
    QLabel* value_ = nullptr;
};

class HealthPage : public QWidget {
    Q_OBJECT

public:
    explicit HealthPage(const LiveLatencySeries* series, QWidget* parent = nullptr);

    void setSloMs(double sloMs);
    void setProbeRate(double rateHz);
    void setEndpoint(const QUrl& url);
    /// `window` says what the numbers cover ("the last 5 s", "the deploy's probe run").
    void setServerSide(const core::ServerSideSummary& summary, const QString& window = {});

    LatencyTimelineChart* timeline() const { return timeline_; }
    LatencyHistogramChart* histogram() const { return histogram_; }
    /// Client-side stats over the last `seconds` (what the tiles show for 30 s).
    core::LatencyStats recent(int seconds) const;
    QString statusText() const;

public Q_SLOTS:
    /// Redraws the tiles and the charts now (a timer does it every second).
    void refresh();

Q_SIGNALS:
    void probeRateChanged(double rateHz);

private:
    const LiveLatencySeries* series_;
    QTimer timer_;
    double sloMs_ = 2000;
    QLabel* endpoint_ = nullptr;
    QLabel* status_ = nullptr;
    QDoubleSpinBox* rate_ = nullptr;
    MetricTile* p50_ = nullptr;
    MetricTile* p95_ = nullptr;
    MetricTile* p99_ = nullptr;
    MetricTile* errors_ = nullptr;
    MetricTile* throughput_ = nullptr;
    MetricTile* serverP50_ = nullptr;
    MetricTile* serverP95_ = nullptr;
    MetricTile* serverP99_ = nullptr;
    QLabel* serverNote_ = nullptr;
    LatencyTimelineChart* timeline_ = nullptr;
    LatencyHistogramChart* histogram_ = nullptr;
};

}  // namespace helmdeck::ui
