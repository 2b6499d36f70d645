#include "ui/charts/latency_timeline_chart.hpp"

#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>

#include "ui/live_latency_series.hpp"
#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {
constexpr double kFloorMs = 0.1;  // log axis floor: sub-0.1 ms answers sit on it
}

LatencyTimelineChart::LatencyTimelineChart(QWidget* parent)
    : ChartWidget(tr("Latency over time"), parent) {
    auto line = [this](const QString& name, const QColor& color, qreal width) {
        auto* series = new QLineSeries;
        series->setName(name);
        series->setPen(QPen(color, width));
        chart()->addSeries(series);
        return series;
    };
    // p99 first: with few requests a second p95 often equals p99, and p95 should stay visible.
    p99_ = line(tr("p99 (%1 s)").arg(LiveLatencySeries::kP99WindowSeconds),
                QColor(0x8e, 0x44, 0xe0), 2);
    p95_ = line(tr("p95"), QColor(0x2f, 0x81, 0xf7), 2);
    p50_ = line(tr("p50"), QColor(0x2e, 0xa0, 0x43), 2);
    slo_ = line(tr("SLO"), theme::failed(), 1.5);
    QPen sloPen = slo_->pen();
    sloPen.setStyle(Qt::DashLine);
    slo_->setPen(sloPen);
    errors_ = new QScatterSeries;
    errors_->setName(tr("errors"));
    errors_->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    errors_->setMarkerSize(10);
    errors_->setColor(theme::failed());
    errors_->setBorderColor(theme::failed());
    chart()->addSeries(errors_);

    xAxis_ = new QValueAxis;
    xAxis_->setTitleText(tr("seconds"));
    xAxis_->setLabelFormat(QStringLiteral("%d"));
    yAxis_ = new QLogValueAxis;
    yAxis_->setTitleText(tr("ms (log)"));
    yAxis_->setLabelFormat(QStringLiteral("%g"));
    yAxis_->setBase(10);
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    chart()->addAxis(yAxis_, Qt::AlignLeft);
    for (QAbstractSeries* series : chart()->series()) {
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
    }
    chart()->legend()->setAlignment(Qt::AlignRight);  // the chart is wide, not tall
    setSubtitle(tr("Waiting for the probe…"));
    applyTheme();
    refresh();

    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &LatencyTimelineChart::refresh);
    timer_.start();
}

void LatencyTimelineChart::setSource(const LiveLatencySeries* source) {
    source_ = source;
    drawnRevision_ = ~0ULL;
    refresh();
}

void LatencyTimelineChart::setSloMs(double sloMs) {
    sloMs_ = sloMs;
    drawnRevision_ = ~0ULL;
    refresh();
}

int LatencyTimelineChart::pointCount() const {
    return int(p50_->count());
}
int LatencyTimelineChart::errorMarkers() const {
    return int(errors_->count());
}

void LatencyTimelineChart::refresh() {
    const quint64 revision = source_ ? source_->revision() : 0;
    if (revision == drawnRevision_) return;
    drawnRevision_ = revision;
    const QList<LatencyPoint> points = source_ ? source_->points() : QList<LatencyPoint>{};
    const double errorY = sloMs_ * 2.5;  // markers ride above the SLO line
    QList<QPointF> p50, p95, p99, errors;
    double last = points.isEmpty() ? 0 : points.constLast().seconds;
    const double first = std::max(0.0, last - visibleSeconds_);
    double top = sloMs_ * 4;
    for (const LatencyPoint& point : points) {
        if (point.seconds < first) continue;
        if (point.count > 0) {
            p50.append({point.seconds, std::max(point.p50Ms, kFloorMs)});
            p95.append({point.seconds, std::max(point.p95Ms, kFloorMs)});
            p99.append({point.seconds, std::max(point.p99Ms, kFloorMs)});
            top = std::max(top, point.p99Ms * 1.5);
        }
        if (point.errors > 0) errors.append({point.seconds, errorY});
    }
    // Bulk updates: one replace per series per refresh, never per-point appends.
    p50_->replace(p50);
    p95_->replace(p95);
    p99_->replace(p99);
    errors_->replace(errors);
    const double right = std::max(first + 30, last + 1);
    slo_->replace(QList<QPointF>{{first, sloMs_}, {right, sloMs_}});
    xAxis_->setTickType(QValueAxis::TicksDynamic);
    xAxis_->setTickAnchor(0);
    xAxis_->setTickInterval(right - first <= 60 ? 5 : right - first <= 180 ? 15 : 30);
    xAxis_->setRange(first, right);
    yAxis_->setRange(kFloorMs, top);
    setSubtitle(points.isEmpty()
                    ? tr("Waiting for the probe…")
                    : tr("Client-side; p50 and p95 per second, p99 over the last %1 s (one "
                         "second is too few requests to tell p99 from p95); dashed line: the "
                         "%2 ms SLO")
                          .arg(LiveLatencySeries::kP99WindowSeconds)
                          .arg(sloMs_));
}

void LatencyTimelineChart::applyTheme() {
    ChartWidget::applyTheme();
}

}  // namespace helmdeck::ui
