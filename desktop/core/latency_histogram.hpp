#pragma once
// A log-bucketed latency histogram (HdrHistogram-like) with a fixed, shared bucket layout.

#include <QList>
#include <QtGlobal>
#include <vector>

namespace helmdeck::core {

/// Records durations in microseconds into buckets whose upper bounds grow geometrically by
/// LatencyHistogram::kGrowth from kLowestUs to kHighestUs, plus one overflow bucket.
///
/// Accuracy: percentile() returns the upper bound of the bucket holding the nearest-rank value
/// v, clamped to [min(), max()]. For v >= kLowestUs the result r satisfies v <= r < v * kGrowth,
/// i.e. it overestimates by less than 2 %; below kLowestUs it is at most kLowestUs. Values above
/// kHighestUs land in the overflow bucket, whose upper bound is max(). min(), max() and mean()
/// are exact.
class LatencyHistogram {
public:
    static constexpr qint64 kLowestUs = 10;                   ///< 10 µs
    static constexpr qint64 kHighestUs = 60LL * 1000 * 1000;  ///< 60 s
    static constexpr double kGrowth = 1.02;                   ///< bucket ratio, so ≤ 2 % error

    struct Bucket {
        qint64 lowerUs = 0;  ///< exclusive (0 for the first bucket, which is inclusive)
        qint64 upperUs = 0;  ///< inclusive
        quint64 count = 0;
    };

    LatencyHistogram();

    /// Records one successful duration; negative values count as 0.
    void record(qint64 micros);
    /// Counts one failed request (no duration).
    void recordError();
    /// Adds every recording of `other` (same layout by construction).
    void merge(const LatencyHistogram& other);
    void reset();

    /// The p-th percentile (0..100) of the recorded durations, in µs; 0 when empty.
    /// p <= 0 gives min(), p >= 100 gives max() exactly.
    qint64 percentile(double p) const;
    qint64 p50() const { return percentile(50); }
    qint64 p95() const { return percentile(95); }
    qint64 p99() const { return percentile(99); }
    qint64 min() const { return count_ ? min_ : 0; }
    qint64 max() const { return count_ ? max_ : 0; }
    double mean() const { return count_ ? double(sumUs_) / double(count_) : 0.0; }
    /// Successful recordings.
    quint64 count() const { return count_; }
    quint64 errors() const { return errors_; }

    /// The non-empty buckets in ascending order (the overflow bucket's upper bound is max()).
    QList<Bucket> buckets() const;
    /// Upper bounds of every regular bucket (the layout; the overflow bucket is not included).
    static const std::vector<qint64>& upperBounds();

private:
    std::vector<quint64> counts_;  // one per upper bound, then overflow
    quint64 count_ = 0;
    quint64 errors_ = 0;
    qint64 min_ = 0;
    qint64 max_ = 0;
    qint64 sumUs_ = 0;
};

}  // namespace helmdeck::core
