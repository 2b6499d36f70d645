#pragma once
// The live latency model behind the Health page (not a widget): probe samples grouped per
// second into p50/p95/p99 points over a bounded window, plus the totals since the deploy.

#include <QElapsedTimer>
#include <QList>
#include <deque>
#include <vector>

#include "core/latency_histogram.hpp"
#include "core/latency_probe.hpp"

namespace helmdeck::ui {

struct LatencyPoint {
    double seconds = 0;  ///< since the series started
    double p50Ms = 0, p95Ms = 0;  ///< over that second
    /// Over the trailing kP99WindowSeconds: at 10 requests/s one second holds 10 samples, so
    /// its p95 and p99 are the same sample and the p99 line would hide under p95.
    double p99Ms = 0;
    int count = 0;   ///< successful requests in that second
    int errors = 0;  ///< failed requests in that second
};

class LiveLatencySeries {
public:
    static constexpr int kP99WindowSeconds = 10;

    explicit LiveLatencySeries(int windowSeconds = 300);

    /// Records one sample at the series clock's current second.
    void add(const core::ProbeSample& sample);
    /// Records one sample at an explicit second (tests, replays).
    void addAt(double seconds, const core::ProbeSample& sample);
    void clear();

    /// One point per second that had requests, oldest first, within the window.
    QList<LatencyPoint> points() const;
    /// Stats over the last `seconds` seconds (the "current numbers").
    core::LatencyStats recent(int seconds = 30) const;
    /// Everything recorded since the last clear() (for the histogram).
    const core::LatencyHistogram& total() const { return total_; }
    quint64 revision() const { return revision_; }  ///< bumps on every change
    int windowSeconds() const { return windowSeconds_; }
    double now() const;  ///< the series clock, in seconds

private:
    struct Second {
        qint64 index = 0;
        std::vector<qint64> latenciesUs;
        int errors = 0;
    };
    void trim();

    int windowSeconds_;
    QElapsedTimer clock_;
    std::deque<Second> seconds_;
    core::LatencyHistogram total_;
    quint64 revision_ = 0;
};

}  // namespace helmdeck::ui
