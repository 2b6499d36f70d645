#include "chatbot/telemetry/metrics.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>

namespace todo::telemetry {
namespace {

/// Shortest round-trip decimal, as the text format wants ("+Inf", "NaN" for the specials).
std::string format_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char buffer[64];
    const double magnitude = std::fabs(value);
    // Plain decimals for everyday magnitudes (le="0.0005", not "5e-04").
    const auto result =
        magnitude == 0 || (magnitude >= 1e-9 && magnitude < 1e15)
            ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
            : std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

void write_header(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

using Labels = std::vector<std::pair<std::string_view, std::string>>;

std::string format_labels(const Labels& labels) {
    if (labels.empty()) return {};
    std::string out = "{";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0) out += ',';
        out.append(labels[i].first).append("=\"");
        out.append(Metrics::escape_label_value(labels[i].second)).append("\"");
    }
    return out + "}";
}

void write_histogram(std::string& out, std::string_view name, Labels labels,
                     const Histogram& histogram) {
    const auto counts = histogram.cumulative_counts();
    const auto& bounds = histogram.bounds();
    labels.emplace_back("le", "");
    for (std::size_t i = 0; i < counts.size(); ++i) {
        labels.back().second = i < bounds.size() ? format_number(bounds[i]) : "+Inf";
        out.append(name).append("_bucket").append(format_labels(labels));
        out.append(" ").append(std::to_string(counts[i])).append("\n");
    }
    labels.pop_back();
    const auto label_text = format_labels(labels);
    out.append(name).append("_sum").append(label_text).append(" ");
    out.append(format_number(histogram.sum())).append("\n");
    out.append(name).append("_count").append(label_text).append(" ");
    out.append(std::to_string(histogram.count())).append("\n");
}

double resident_memory_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size_pages = 0;
    std::uint64_t resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages)) return 0;
    return static_cast<double>(resident_pages) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {
    std::sort(bounds_.begin(), bounds_.end());
    buckets_.assign(bounds_.size() + 1, 0);
}

void Histogram::observe(double value) {
    // Bucket i counts values <= bounds_[i] that fell in no earlier bucket; the last is +Inf.
    const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), value);
    ++buckets_[static_cast<std::size_t>(it - bounds_.begin())];
    sum_ += value;
    ++count_;
}

std::vector<std::uint64_t> Histogram::cumulative_counts() const {
    std::vector<std::uint64_t> cumulative(buckets_.size());
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        running += buckets_[i];
        cumulative[i] = running;
    }
    return cumulative;
}

Metrics::Metrics()
    : start_time_seconds_(
          std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
              .count()) {}

const std::vector<double>& Metrics::request_buckets() {
    static const std::vector<double> bounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,    0.25,  0.5,    1,     2.5,  5};
    return bounds;
}

const std::vector<double>& Metrics::store_query_buckets() {
    static const std::vector<double> bounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                               0.025,  0.05,    0.1,    0.25,  0.5,    1};
    return bounds;
}

std::string Metrics::escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void Metrics::observe_request(std::string_view method, std::string_view route, int status,
                              double seconds) {
    std::lock_guard lock(mutex_);
    auto key = std::make_tuple(std::string(method), std::string(route), status);
    auto it = requests_.find(key);
    if (it == requests_.end()) it = requests_.emplace(std::move(key), request_buckets()).first;
    it->second.observe(seconds);
}

void Metrics::count_tool_call(std::string_view tool, bool ok) {
    std::lock_guard lock(mutex_);
    ++tool_calls_[{std::string(tool), ok ? "ok" : "error"}];
}

void Metrics::observe_store_query(std::string_view operation, double seconds) {
    std::lock_guard lock(mutex_);
    auto it = store_queries_.find(std::string(operation));
    if (it == store_queries_.end())
        it = store_queries_.emplace(std::string(operation), store_query_buckets()).first;
    it->second.observe(seconds);
}

std::string Metrics::render_prometheus() const {
    std::string out;
    out.reserve(8192);
    std::lock_guard lock(mutex_);

    write_header(out, "todo_http_requests_total", "counter",
                 "HTTP requests answered, by method, route template and status.");
    for (const auto& [key, histogram] : requests_) {
        const auto& [method, route, status] = key;
        out.append("todo_http_requests_total");
        out.append(format_labels(
            {{"method", method}, {"route", route}, {"status", std::to_string(status)}}));
        out.append(" ").append(std::to_string(histogram.count())).append("\n");
    }

    write_header(out, "todo_http_request_duration_seconds", "histogram",
                 "Time from reading a request to writing its response.");
    for (const auto& [key, histogram] : requests_) {
        const auto& [method, route, status] = key;
        write_histogram(out, "todo_http_request_duration_seconds",
                        {{"method", method}, {"route", route}, {"status", std::to_string(status)}},
                        histogram);
    }

    write_header(out, "todo_http_requests_in_flight", "gauge",
                 "HTTP requests currently being handled.");
    out.append("todo_http_requests_in_flight ")
        .append(std::to_string(in_flight_.load()))
        .append("\n");

    const ServerGauges server = server_gauges_ ? server_gauges_() : ServerGauges{};
    write_header(out, "todo_worker_queue_depth", "gauge",
                 "Requests waiting for a worker thread.");
    out.append("todo_worker_queue_depth ").append(std::to_string(server.queue_depth)).append("\n");
    write_header(out, "todo_worker_queue_rejections_total", "counter",
                 "Requests answered 503 because the worker queue was full.");
    out.append("todo_worker_queue_rejections_total ")
        .append(std::to_string(server.queue_rejections))
        .append("\n");
    write_header(out, "todo_http_connection_rejections_total", "counter",
                 "Connections refused by the global or per-peer connection cap.");
    out.append("todo_http_connection_rejections_total ")
        .append(std::to_string(server.connection_rejections))
        .append("\n");

    write_header(out, "todo_tool_calls_total", "counter",
                 "Assistant tool calls, by tool and outcome.");
    for (const auto& [key, count] : tool_calls_) {
        out.append("todo_tool_calls_total");
        out.append(format_labels({{"tool", key.first}, {"outcome", key.second}}));
        out.append(" ").append(std::to_string(count)).append("\n");
    }

    write_header(out, "todo_store_query_duration_seconds", "histogram",
                 "Store query latency, by operation.");
    for (const auto& [operation, histogram] : store_queries_)
        write_histogram(out, "todo_store_query_duration_seconds", {{"operation", operation}},
                        histogram);

    write_header(out, "todo_llm_fallbacks_total", "counter",
                 "Chat turns answered by the built-in engine because the LLM failed.");
    out.append("todo_llm_fallbacks_total ")
        .append(std::to_string(llm_fallbacks_.load()))
        .append("\n");

    write_header(out, "process_start_time_seconds", "gauge",
                 "Start time of the process since the Unix epoch, in seconds.");
    out.append("process_start_time_seconds ").append(format_number(start_time_seconds_));
    out.append("\n");

    write_header(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    out.append("process_resident_memory_bytes ")
        .append(format_number(resident_memory_bytes()))
        .append("\n");
    return out;
}

}  // namespace todo::telemetry
