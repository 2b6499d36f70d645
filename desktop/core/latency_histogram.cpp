#include "core/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace helmdeck::core {

const std::vector<qint64>& LatencyHistogram::upperBounds() {
    static const std::vector<qint64> bounds = [] {
        std::vector<qint64> out;
        double edge = double(kLowestUs);
        while (true) {
            // Floor keeps every ratio between neighbours below kGrowth; dedupe the small ones.
            const qint64 bound = std::min<qint64>(qint64(std::floor(edge)), kHighestUs);
            if (out.empty() || bound > out.back()) out.push_back(bound);
            if (bound >= kHighestUs) break;
            edge *= kGrowth;
        }
        return out;
    }();
    return bounds;
}

LatencyHistogram::LatencyHistogram() : counts_(upperBounds().size() + 1, 0) {}

void LatencyHistogram::record(qint64 micros) {
    micros = std::max<qint64>(micros, 0);
    const auto& bounds = upperBounds();
    // First bound >= value: the bucket whose (lower, upper] range holds it.
    const auto it = std::lower_bound(bounds.begin(), bounds.end(), micros);
    ++counts_[std::size_t(it - bounds.begin())];
    if (count_ == 0) {
        min_ = max_ = micros;
    } else {
        min_ = std::min(min_, micros);
        max_ = std::max(max_, micros);
    }
    ++count_;
    sumUs_ += micros;
}

void LatencyHistogram::recordError() {
    ++errors_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    if (other.count_ > 0) {
        min_ = count_ ? std::min(min_, other.min_) : other.min_;
        max_ = count_ ? std::max(max_, other.max_) : other.max_;
    }
    count_ += other.count_;
    errors_ += other.errors_;
    sumUs_ += other.sumUs_;
}

void LatencyHistogram::reset() {
    *this = LatencyHistogram();
}

qint64 LatencyHistogram::percentile(double p) const {
    if (count_ == 0) return 0;
    if (p <= 0) return min_;
    if (p >= 100) return max_;
    // Nearest rank: the smallest value with at least p % of the recordings at or below it.
    const auto rank = std::max<quint64>(1, quint64(std::ceil(p / 100.0 * double(count_) - 1e-9)));
    const auto& bounds = upperBounds();
    quint64 seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            const qint64 upper = i < bounds.size() ? bounds[i] : max_;
            return std::clamp(upper, min_, max_);
        }
    }
    return max_;
}

QList<LatencyHistogram::Bucket> LatencyHistogram::buckets() const {
    QList<Bucket> out;
    const auto& bounds = upperBounds();
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] == 0) continue;
        const qint64 lower = i == 0 ? 0 : bounds[i - 1];
        const qint64 upper = i < bounds.size() ? bounds[i] : max_;
        out.append({lower, upper, counts_[i]});
    }
    return out;
}

}  // namespace helmdeck::core
