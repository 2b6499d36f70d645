#include "chatbot/telemetry/logger.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace todo::telemetry {
namespace {

std::mutex& output_mutex() {
    static std::mutex mutex;  // shared by every Logger, so lines never interleave
    return mutex;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view level_name(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "debug";
        case LogLevel::Info:
            return "info";
        case LogLevel::Warn:
            return "warn";
        case LogLevel::Error:
            return "error";
    }
    return "info";
}

/// UTC with milliseconds: 2024-05-01T12:34:56.789Z.
std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const auto seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char buffer[32];
    const auto length = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                      utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                      utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    return std::string(buffer, static_cast<std::size_t>(length));
}

std::string dump(const nlohmann::json& value) {
    // Logged values may carry client bytes; invalid UTF-8 must not throw.
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_reserved(const std::string& key) {
    return key == "ts" || key == "level" || key == "event";
}

void write_stderr(std::string_view line) {
    const char* data = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        const auto written = ::write(STDERR_FILENO, data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;  // nowhere left to report it
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
}

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view text) {
    const auto name = lower(text);
    if (name == "debug") return LogLevel::Debug;
    if (name == "info") return LogLevel::Info;
    if (name == "warn" || name == "warning") return LogLevel::Warn;
    if (name == "error") return LogLevel::Error;
    return std::nullopt;
}

std::optional<LogFormat> parse_log_format(std::string_view text) {
    const auto name = lower(text);
    if (name == "json") return LogFormat::Json;
    if (name == "text") return LogFormat::Text;
    return std::nullopt;
}

Logger::Logger(LogLevel level, LogFormat format) : Logger(level, format, Sink{}) {}

Logger::Logger(LogLevel level, LogFormat format, Sink sink)
    : level_(level), format_(format), sink_(std::move(sink)) {}

std::string Logger::format_line(LogLevel level, std::string_view event,
                                const nlohmann::json& fields) const {
    std::string line;
    const auto each_field = [&](auto&& emit) {
        if (fields.is_object()) {
            for (const auto& [key, value] : fields.items())
                emit(is_reserved(key) ? "field." + key : key, value);
        } else if (!fields.is_null()) {
            emit(std::string("fields"), fields);
        }
    };

    if (format_ == LogFormat::Json) {
        line = "{\"ts\":\"" + timestamp() + "\",\"level\":\"";
        line.append(level_name(level)).append("\",\"event\":");
        line += dump(nlohmann::json(std::string(event)));
        each_field([&](const std::string& key, const nlohmann::json& value) {
            line += ',';
            line += dump(nlohmann::json(key));
            line += ':';
            line += dump(value);
        });
        line += '}';
        return line;
    }

    line = timestamp();
    line += ' ';
    auto upper = std::string(level_name(level));
    for (auto& c : upper) c = static_cast<char>(c - 'a' + 'A');
    upper.resize(5, ' ');
    line += upper;
    line += ' ';
    line += event;
    each_field([&](const std::string& key, const nlohmann::json& value) {
        line += ' ';
        line += key;
        line += '=';
        const bool bare =
            value.is_string() && !value.get_ref<const std::string&>().empty() &&
            value.get_ref<const std::string&>().find_first_of(" \t\n\r\"=") == std::string::npos;
        line += bare ? value.get<std::string>() : dump(value);
    });
    return line;
}

void Logger::log(LogLevel level, std::string_view event, nlohmann::json fields) const {
    if (!enabled(level)) return;
    auto line = format_line(level, event, fields);
    line += '\n';
    std::lock_guard lock(output_mutex());
    if (sink_)
        sink_(line);
    else
        write_stderr(line);
}

}  // namespace todo::telemetry
