#pragma once
// The latency distribution since the deploy: the probe's log buckets regrouped into 1-2-5 bins.

#include <QTimer>

#include "ui/charts/chart_widget.hpp"

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;
QT_END_NAMESPACE

namespace helmdeck::ui {

class LiveLatencySeries;

class LatencyHistogramChart : public ChartWidget {
    Q_OBJECT

public:
    explicit LatencyHistogramChart(QWidget* parent = nullptr);

    /// The model whose total() histogram is drawn, pulled once a second (not owned).
    void setSource(const LiveLatencySeries* source);
    int binCount() const;

public Q_SLOTS:
    void refresh();

private:
    const LiveLatencySeries* source_ = nullptr;
    QTimer timer_;
    quint64 drawnRevision_ = ~0ULL;
    QBarSeries* series_ = nullptr;
    QBarCategoryAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
};

}  // namespace helmdeck::ui
