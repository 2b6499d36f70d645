#pragma once
// Calendar helpers: strict ISO dates and the relative phrases people type
// ("today", "tomorrow", "friday", "next monday", "in 3 days").

#include <optional>
#include <string>
#include <string_view>

namespace todo {

/// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

/// Resolves a phrase against `today` (YYYY-MM-DD). Returns YYYY-MM-DD, or nullopt when the
/// phrase is not a date. A bare weekday means its next occurrence after today.
std::optional<std::string> resolve_date(std::string_view phrase, std::string_view today);

/// `iso` (YYYY-MM-DD) moved by `days` (negative: earlier).
std::string shifted_date(std::string_view iso, int days);

/// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

/// Now in UTC as ISO 8601 with seconds ("2026-11-27T14:03:00Z").
std::string now_utc_iso();

}  // namespace todo
