#pragma once
// Structured logging to stderr: one JSON object per line (LOG_FORMAT=json, the default) or a
// human-readable line (text). Thread-safe; a line is never interleaved with another.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace todo::telemetry {

enum class LogLevel { Debug, Info, Warn, Error };
enum class LogFormat { Json, Text };

std::optional<LogLevel> parse_log_level(std::string_view text);
std::optional<LogFormat> parse_log_format(std::string_view text);

class Logger {
public:
    /// Receives one complete line, newline included. The default writes to stderr.
    using Sink = std::function<void(std::string_view line)>;

    Logger(LogLevel level = LogLevel::Info, LogFormat format = LogFormat::Json);
    /// Writes to `sink` instead of stderr (tests capture lines this way).
    Logger(LogLevel level, LogFormat format, Sink sink);

    LogLevel level() const { return level_; }
    LogFormat format() const { return format_; }
    /// The line log() would write, without the trailing newline. Non-object `fields` are
    /// logged under "fields"; keys named ts, level or event are kept as "field.<key>".
    std::string format_line(LogLevel level, std::string_view event,
                            const nlohmann::json& fields) const;

    bool enabled(LogLevel level) const { return level >= level_; }
    /// `event` is a short stable name ("request", "listening"); `fields` a JSON object.
    void log(LogLevel level, std::string_view event,
             nlohmann::json fields = nlohmann::json::object()) const;
    void info(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
        log(LogLevel::Info, event, std::move(fields));
    }
    void warn(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
        log(LogLevel::Warn, event, std::move(fields));
    }
    void error(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
        log(LogLevel::Error, event, std::move(fields));
    }
    void debug(std::string_view event, nlohmann::json fields = nlohmann::json::object()) const {
        log(LogLevel::Debug, event, std::move(fields));
    }

private:
    LogLevel level_;
    LogFormat format_;
    Sink sink_;
};

}  // namespace todo::telemetry
