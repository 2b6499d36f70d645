#include "chatbot/domain/dates.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace todo {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::optional<year_month_day> parse_ymd(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto digits = [](std::string_view part, auto& out) {
        for (char c : part)
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        return std::from_chars(part.data(), part.data() + part.size(), out).ec == std::errc{};
    };
    if (!digits(text.substr(0, 4), y) || !digits(text.substr(5, 2), m) ||
        !digits(text.substr(8, 2), d))
        return std::nullopt;
    if (y < 1) return std::nullopt;  // year 0 is valid ISO 8601 but PostgreSQL refuses it
    year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string format(year_month_day ymd) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

std::string lower(std::string_view text) {
    std::string out;
    for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

std::optional<unsigned> weekday_index(std::string_view word) {
    static constexpr std::array<std::string_view, 7> names = {
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    static constexpr std::array<std::string_view, 7> shorts = {"sun", "mon", "tue", "wed",
                                                               "thu", "fri", "sat"};
    for (unsigned i = 0; i < 7; ++i)
        if (word == names[i] || word == shorts[i]) return i;
    return std::nullopt;
}

}  // namespace

bool is_iso_date(std::string_view text) { return parse_ymd(text).has_value(); }

std::optional<std::string> resolve_date(std::string_view phrase, std::string_view today) {
    auto base = parse_ymd(today);
    if (!base) return std::nullopt;
    auto text = lower(phrase);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(text.begin());
    sys_days day{*base};

    if (auto iso = parse_ymd(text)) return format(*iso);
    if (text == "today" || text == "tonight") return format(day);
    if (text == "tomorrow" || text == "tmrw" || text == "tmr") return format(day + days{1});
    if (text == "day after tomorrow" || text == "the day after tomorrow")
        return format(day + days{2});
    if (text == "next week") return format(day + days{7});

    // "in 3 days" / "in 2 weeks"
    if (text.rfind("in ", 0) == 0) {
        int count = 0;
        auto rest = std::string_view(text).substr(3);
        auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), count);
        if (ec == std::errc{} && count >= 0 && count < 3660) {
            std::string_view unit(ptr, rest.data() + rest.size() - ptr);
            if (unit == " day" || unit == " days") return format(day + days{count});
            if (unit == " week" || unit == " weeks") return format(day + days{7 * count});
        }
    }

    // "friday", "this friday", "next friday", "on friday"
    std::string_view word = text;
    bool next = false;
    for (std::string_view prefix : {"on ", "this ", "next ", "coming "}) {
        if (word.rfind(prefix, 0) == 0) {
            next = prefix == "next ";
            word.remove_prefix(prefix.size());
        }
    }
    if (auto target = weekday_index(word)) {
        unsigned current = std::chrono::weekday{day}.c_encoding();
        unsigned ahead = (*target + 7 - current) % 7;
        if (ahead == 0) ahead = 7;
        (void)next;  // "next friday" means the coming one, as most people use it.
        return format(day + days{ahead});
    }
    return std::nullopt;
}

std::string shifted_date(std::string_view iso, int count) {
    auto ymd = parse_ymd(iso);
    if (!ymd) return std::string(iso);
    return format(year_month_day{sys_days{*ymd} + days{count}});
}

std::string today_utc() {
    auto now = std::chrono::floor<days>(std::chrono::system_clock::now());
    return format(year_month_day{now});
}

std::string now_utc_iso() {
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

}  // namespace todo
