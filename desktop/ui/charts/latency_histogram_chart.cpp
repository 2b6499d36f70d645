#include "ui/charts/latency_histogram_chart.hpp"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <array>

#include "ui/live_latency_series.hpp"
#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {
// Bin upper bounds in ms (1-2-5 steps); the last bin takes everything above.
constexpr std::array<double, 16> kBoundsMs{0.1, 0.2, 0.5, 1,   2,    5,    10,   20,
                                           50,  100, 200, 500, 1000, 2000, 5000, 1e12};

QString label(std::size_t index) {
    if (index + 1 == kBoundsMs.size()) return QStringLiteral(">5 s");
    const double ms = kBoundsMs[index];
    return ms >= 1000 ? QStringLiteral("≤%1 s").arg(ms / 1000) : QStringLiteral("≤%1").arg(ms);
}
}  // namespace

LatencyHistogramChart::LatencyHistogramChart(QWidget* parent)
    : ChartWidget(tr("Latency distribution"), parent) {
    series_ = new QBarSeries;
    series_->setBarWidth(0.85);
    chart()->addSeries(series_);
    chart()->legend()->setVisible(false);
    xAxis_ = new QBarCategoryAxis;
    xAxis_->setTitleText(tr("ms"));
    yAxis_ = new QValueAxis;
    yAxis_->setTitleText(tr("requests"));
    yAxis_->setLabelFormat(QStringLiteral("%d"));
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    chart()->addAxis(yAxis_, Qt::AlignLeft);
    series_->attachAxis(xAxis_);
    series_->attachAxis(yAxis_);
    applyTheme();
    setSubtitle(tr("No requests yet"));

    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &LatencyHistogramChart::refresh);
    timer_.start();
}

void LatencyHistogramChart::setSource(const LiveLatencySeries* source) {
    source_ = source;
    drawnRevision_ = ~0ULL;
    refresh();
}

int LatencyHistogramChart::binCount() const {
    return int(xAxis_->count());
}

void LatencyHistogramChart::refresh() {
    const quint64 revision = source_ ? source_->revision() : 0;
    if (!source_ || revision == drawnRevision_) return;
    drawnRevision_ = revision;
    std::array<double, kBoundsMs.size()> counts{};
    const auto& histogram = source_->total();
    for (const auto& bucket : histogram.buckets()) {
        const double upperMs = double(bucket.upperUs) / 1000.0;
        const auto bin = std::size_t(std::lower_bound(kBoundsMs.begin(), kBoundsMs.end(), upperMs) -
                                     kBoundsMs.begin());
        counts[std::min(bin, kBoundsMs.size() - 1)] += double(bucket.count);
    }
    std::size_t first = 0, last = counts.size();
    while (first < counts.size() && counts[first] == 0) ++first;
    while (last > first && counts[last - 1] == 0) --last;
    series_->clear();
    xAxis_->clear();
    if (first == last) {
        setSubtitle(tr("No requests yet"));
        return;
    }
    // A little context either side of the occupied bins.
    first = first > 0 ? first - 1 : 0;
    last = std::min(last + 1, counts.size());
    auto* set = new QBarSet(tr("requests"));
    set->setColor(theme::accent());
    set->setBorderColor(theme::accent());
    QStringList labels;
    double top = 1;
    for (std::size_t i = first; i < last; ++i) {
        set->append(counts[i]);
        labels.append(label(i));
        top = std::max(top, counts[i]);
    }
    series_->append(set);
    xAxis_->append(labels);
    yAxis_->setRange(0, top * 1.1);
    yAxis_->applyNiceNumbers();
    setSubtitle(tr("%n request(s) since the deploy, %1 error(s)", nullptr, int(histogram.count()))
                    .arg(histogram.errors()));
}

}  // namespace helmdeck::ui
