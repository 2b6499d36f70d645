#include "ui/live_latency_series.hpp"

#include <algorithm>
#include <cmath>

namespace helmdeck::ui {

namespace {
// Nearest-rank percentile of a sorted list, in ms.
double percentileMs(const std::vector<qint64>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return double(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]) / 1000.0;
}
}  // namespace

LiveLatencySeries::LiveLatencySeries(int windowSeconds) : windowSeconds_(windowSeconds) {
    clock_.start();
}

double LiveLatencySeries::now() const {
    return double(clock_.elapsed()) / 1000.0;
}

void LiveLatencySeries::add(const core::ProbeSample& sample) {
    addAt(now(), sample);
}

void LiveLatencySeries::addAt(double seconds, const core::ProbeSample& sample) {
    const auto index = qint64(std::floor(seconds));
    if (seconds_.empty() || seconds_.back().index < index) seconds_.push_back(Second{index, {}, 0});
    // A late sample for an older second goes into the newest one: close enough for a chart.
    Second& second = seconds_.back();
    if (sample.ok) {
        second.latenciesUs.push_back(sample.latencyUs);
        total_.record(sample.latencyUs);
    } else {
        ++second.errors;
        total_.recordError();
    }
    trim();
    ++revision_;
}

void LiveLatencySeries::trim() {
    const qint64 oldest = seconds_.back().index - windowSeconds_;
    while (!seconds_.empty() && seconds_.front().index < oldest) seconds_.pop_front();
}

void LiveLatencySeries::clear() {
    seconds_.clear();
    total_.reset();
    clock_.restart();
    ++revision_;
}

QList<LatencyPoint> LiveLatencySeries::points() const {
    QList<LatencyPoint> out;
    out.reserve(qsizetype(seconds_.size()));
    for (auto it = seconds_.cbegin(); it != seconds_.cend(); ++it) {
        const Second& second = *it;
        std::vector<qint64> sorted = second.latenciesUs;
        std::sort(sorted.begin(), sorted.end());
        LatencyPoint point;
        point.seconds = double(second.index);
        point.p50Ms = percentileMs(sorted, 50);
        point.p95Ms = percentileMs(sorted, 95);
        std::vector<qint64> trailing;
        for (auto back = std::make_reverse_iterator(it + 1);
             back != seconds_.crend() && back->index > second.index - kP99WindowSeconds; ++back)
            trailing.insert(trailing.end(), back->latenciesUs.begin(), back->latenciesUs.end());
        std::sort(trailing.begin(), trailing.end());
        point.p99Ms = percentileMs(trailing, 99);
        point.count = int(sorted.size());
        point.errors = second.errors;
        out.append(point);
    }
    return out;
}

core::LatencyStats LiveLatencySeries::recent(int seconds) const {
    core::LatencyHistogram histogram;
    if (seconds_.empty()) return core::LatencyStats::from(histogram);
    const qint64 since = qint64(std::floor(now())) - seconds;
    for (const Second& second : seconds_) {
        if (second.index < since) continue;
        for (qint64 us : second.latenciesUs) histogram.record(us);
        for (int i = 0; i < second.errors; ++i) histogram.recordError();
    }
    return core::LatencyStats::from(histogram);
}

}  // namespace helmdeck::ui
