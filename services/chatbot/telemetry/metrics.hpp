#pragma once
// Process-wide counters and histograms, rendered as Prometheus text exposition (version 0.0.4).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace todo::telemetry {

/// A cumulative histogram with fixed upper bounds (seconds). Not synchronised: Metrics guards it.
class Histogram {
public:
    explicit Histogram(std::vector<double> bounds);
    void observe(double value);
    const std::vector<double>& bounds() const { return bounds_; }
    std::vector<std::uint64_t> cumulative_counts() const;  ///< one per bound, then +Inf
    double sum() const { return sum_; }
    std::uint64_t count() const { return count_; }

private:
    std::vector<double> bounds_;
    std::vector<std::uint64_t> buckets_;
    double sum_ = 0;
    std::uint64_t count_ = 0;
};

/// Read from the HTTP server when /metrics is rendered.
struct ServerGauges {
    std::size_t queue_depth = 0;             ///< requests waiting for a worker
    std::uint64_t queue_rejections = 0;      ///< refused with 503 because the queue was full
    std::uint64_t connection_rejections = 0;  ///< refused by a connection cap
};

class Metrics {
public:
    Metrics();

    /// Upper bounds (seconds) of the request latency histogram: 0.5 ms to 5 s.
    static const std::vector<double>& request_buckets();
    /// Upper bounds (seconds) of the store query histogram: 0.1 ms to 1 s.
    static const std::vector<double>& store_query_buckets();
    /// Escapes a label value for the text format: backslash, double quote and newline.
    static std::string escape_label_value(std::string_view value);

    void observe_request(std::string_view method, std::string_view route, int status,
                         double seconds);
    void request_started() { ++in_flight_; }
    void request_finished() { --in_flight_; }
    void count_tool_call(std::string_view tool, bool ok);
    void observe_store_query(std::string_view operation, double seconds);
    void count_llm_fallback() { ++llm_fallbacks_; }

    /// Where the server gauges come from; set once, before serving.
    void watch_server(std::function<ServerGauges()> source) { server_gauges_ = std::move(source); }

    std::int64_t in_flight() const { return in_flight_; }
    /// Safe to call concurrently with the recording methods.
    std::string render_prometheus() const;

private:
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, Histogram> requests_;
    std::map<std::pair<std::string, std::string>, std::uint64_t> tool_calls_;
    std::map<std::string, Histogram> store_queries_;
    std::atomic<std::int64_t> in_flight_{0};
    std::atomic<std::uint64_t> llm_fallbacks_{0};
    double start_time_seconds_ = 0;
    std::function<ServerGauges()> server_gauges_;
};

}  // namespace todo::telemetry
