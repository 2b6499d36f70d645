#pragma once
// Live latency over time: p50, p95 and p99 per second, the SLO line, and error markers.

#include <QTimer>

#include "ui/charts/chart_widget.hpp"

QT_BEGIN_NAMESPACE
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QLogValueAxis;
QT_END_NAMESPACE

namespace helmdeck::ui {

class LiveLatencySeries;

class LatencyTimelineChart : public ChartWidget {
    Q_OBJECT

public:
    explicit LatencyTimelineChart(QWidget* parent = nullptr);

    /// The model to draw; the chart pulls from it once a second (not owned).
    void setSource(const LiveLatencySeries* source);
    void setSloMs(double sloMs);
    /// Seconds shown on the x axis (the model may keep more).
    void setVisibleSeconds(int seconds) { visibleSeconds_ = seconds; }

    int pointCount() const;    ///< points on the p50 line
    int errorMarkers() const;  ///< seconds marked with errors

public Q_SLOTS:
    /// Redraws from the model now (the timer calls this at 1 Hz).
    void refresh();

protected:
    void applyTheme() override;

private:
    const LiveLatencySeries* source_ = nullptr;
    QTimer timer_;
    quint64 drawnRevision_ = ~0ULL;
    double sloMs_ = 2000;
    int visibleSeconds_ = 120;
    QLineSeries* p50_ = nullptr;
    QLineSeries* p95_ = nullptr;
    QLineSeries* p99_ = nullptr;
    QLineSeries* slo_ = nullptr;
    QScatterSeries* errors_ = nullptr;
    QValueAxis* xAxis_ = nullptr;
    QLogValueAxis* yAxis_ = nullptr;
};

}  // namespace helmdeck::ui
